# The local pool's spawner: a small long-lived process that starts job wrappers for the server.
# Forking this process is far cheaper than starting one from the JVM, and it can put each child
# in a session of its own (setsid) without running an extra program.
#
# Requests on stdin, one per line, fields separated by tabs:
#   S <token> <pid file> <dir> <wrapper>   start "bash <wrapper>" in <dir>, in a new session
#   K <signal> <pgid>                      send <signal> (TERM, KILL) to the process group
# Answers on stdout, one per line:
#   P <token> <pid>                        started; pid = session id = process group id
#   E <token> <message>                    could not start
#   X <pid> <wait status>                  a started wrapper ended (raw wait status)
# End of stdin (the server stopped) ends the spawner; the jobs keep running, and a restarted
# server finds them again through their pid and exit-code files.
use strict;
use warnings;
use POSIX ();
use Fcntl ();

$| = 1;
pipe(my $wake_r, my $wake_w) or die "pipe: $!";
for my $fh ($wake_r, $wake_w) {
    my $flags = fcntl($fh, Fcntl::F_GETFL(), 0) or die "fcntl: $!";
    fcntl($fh, Fcntl::F_SETFL(), $flags | Fcntl::O_NONBLOCK()) or die "fcntl: $!";
}
# a child's end wakes the select below, even if it ends just before select is entered
$SIG{CHLD} = sub { syswrite($wake_w, "x", 1) };
# A SIGTERM or Ctrl-C for the server's process group is the server's to handle: the spawner
# ends when the server closes its stdin, not before it (the children get the defaults back).
$SIG{$_} = 'IGNORE' for qw(TERM INT HUP);

my $buffer = '';
while (1) {
    reap();
    my $in = '';
    vec($in, fileno(STDIN), 1) = 1;
    vec($in, fileno($wake_r), 1) = 1;
    my $ready = select(my $out = $in, undef, undef, undef);
    if ($ready < 0) {
        next if $!{EINTR};
        die "select: $!";
    }
    if (vec($out, fileno($wake_r), 1)) {
        1 while sysread($wake_r, my $drain, 4096);
    }
    if (vec($out, fileno(STDIN), 1)) {
        my $n = sysread(STDIN, $buffer, 65536, length $buffer);
        if (!defined $n) {
            next if $!{EINTR} || $!{EAGAIN};
            die "read: $!";
        }
        if ($n == 0) {
            reap();
            exit 0;
        }
        while ((my $nl = index($buffer, "\n")) >= 0) {
            my $line = substr($buffer, 0, $nl);
            substr($buffer, 0, $nl + 1) = '';
            handle($line);
        }
    }
}

sub reap {
    while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
        print "X $pid $?\n";
    }
}

sub handle {
    my ($what, @field) = split /\t/, shift, -1;
    if ($what eq 'S') {
        my ($token, $pid_file, $dir, $wrapper) = @field;
        my $pid = fork();
        if (!defined $pid) {
            print "E $token cannot fork: $!\n";
            return;
        }
        if ($pid == 0) {
            child($pid_file, $dir, $wrapper);
        }
        print "P $token $pid\n";
    } elsif ($what eq 'K') {
        my ($signal, $pgid) = @field;
        kill($signal, -$pgid) if $pgid =~ /^\d+$/ && $pgid > 1;
    } else {
        print STDERR "muster spawner: unknown request '$what'\n";
    }
}

sub child {
    my ($pid_file, $dir, $wrapper) = @_;
    $SIG{$_} = 'DEFAULT' for qw(CHLD TERM INT HUP);
    POSIX::setsid();
    if (open(my $fh, '>', $pid_file)) {
        print $fh "$$\n";
        close($fh);
    }
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>', '/dev/null');
    open(STDERR, '>', '/dev/null');
    chdir($dir);
    exec('bash', $wrapper) or POSIX::_exit(127);
}
