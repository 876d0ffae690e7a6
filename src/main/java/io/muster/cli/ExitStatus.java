package io.muster.cli;

/** The exit statuses of the client commands, one table so that scripts can rely on them. */
final class ExitStatus {

    /** Every job asked about completed (or the request was carried out). */
    static final int OK = 0;
    /** At least one job ended badly (FAILED, CANCELLED, TIMEOUT, …), or a request was refused for a job. */
    static final int JOB_FAILED = 1;
    /** Bad usage: unknown option or job id (picocli uses 2 for usage errors too). */
    static final int USAGE = 2;
    /** A time limit (--timeout) ran out while jobs were still going. */
    static final int TIMED_OUT = 3;
    /** No Muster server answers at the URL (sysexits' EX_UNAVAILABLE). */
    static final int NO_SERVER = 69;
    /** The broker refused the login: wrong user name or password, or none given (sysexits' EX_NOPERM). */
    static final int LOGIN_REFUSED = 77;
    /** {@code run}: the job ended without an exit code (cancelled, timed out, lost). */
    static final int NO_EXIT_CODE = 124;
    /** The submission was rejected; every violation is printed. */
    static final int REJECTED = 125;

    private ExitStatus() {
    }

    static final String FOOTER = "Exit status: 0 all went well; 1 a job ended badly; 2 usage error or unknown job;"
            + " 3 --timeout ran out; 69 no Muster server at the URL; 77 the broker refused the login;"
            + " 125 submission rejected.";
}
