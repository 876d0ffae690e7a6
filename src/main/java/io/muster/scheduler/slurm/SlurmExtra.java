package io.muster.scheduler.slurm;

import static io.muster.scheduler.ExtraArguments.Form.FLAG;
import static io.muster.scheduler.ExtraArguments.Form.NOT_A_FILE;
import static io.muster.scheduler.ExtraArguments.Form.OPTIONAL_VALUE;
import static io.muster.scheduler.ExtraArguments.Form.VALUE;

import io.muster.scheduler.ExtraArguments;

/**
 * The sbatch options {@code extra} may carry on Slurm: long options only, written in full (sbatch
 * would read an abbreviation such as {@code --ui} as {@code --uid}, so only exact names pass).
 * Nothing that changes identity, files or directories; nothing Muster writes itself.
 */
final class SlurmExtra {

    static final ExtraArguments ARGUMENTS = ExtraArguments.forProgram("sbatch")
            .allow(VALUE, "--gres", "--gres-flags", "--gpus-per-node", "--gpus-per-task", "--gpus-per-socket",
                    "--cpus-per-gpu", "--ntasks-per-node", "--ntasks-per-core", "--ntasks-per-socket",
                    "--ntasks-per-gpu", "--sockets-per-node", "--cores-per-socket", "--threads-per-core", "--mincpus",
                    "--tmp", "--licenses", "--reservation", "--switches", "--hint",
                    "--distribution", "--time-min", "--signal", "--mail-type", "--wckey", "--deadline",
                    "--delay-boot", "--prefer", "--network", "--mem-bind", "--cpu-freq", "--core-spec",
                    "--thread-spec", "--power", "--profile", "--acctg-freq", "--gpu-bind", "--gpu-freq",
                    "--kill-on-invalid-dep", "--priority")
            .allow(NOT_A_FILE, "--nodelist", "--exclude")
            .allow(FLAG, "--spread-job", "--contiguous", "--overcommit", "--oversubscribe", "--use-min-nodes",
                    "--reboot", "--requeue", "--no-requeue")
            .allow(OPTIONAL_VALUE, "--nice", "--no-kill", "--exclusive")
            .refuse("changes the Unix user or group the job runs as", "--uid", "--gid")
            .refuse("gives the job another user's login environment", "--get-user-env")
            .refuse("names a file the scheduler reads or writes: use outfile and errfile, which stay inside the work"
                    + " root", "--output", "--error", "--input", "--open-mode", "--export-file", "--bbf",
                    "--burst-buffer-file", "--bb", "--container", "--container-id")
            .refuse("changes the directory the job runs in: use runpath", "--chdir")
            .refuse("is written by Muster (name, dependencies, its tag, how it submits)", "--job-name",
                    "--dependency", "--comment", "--wrap", "--parsable", "--wait", "--test-only", "--hold",
                    "--clusters", "--batch", "--array")
            .refuse("is a catalogue option: use partition, account, qos, time, mem, cores, nodes, features, gpus,"
                    + " begin, mail or export", "--partition", "--account", "--qos", "--time", "--mem",
                    "--cpus-per-task", "--ntasks", "--nodes", "--constraint", "--gpus", "--begin", "--mail-user",
                    "--export", "--mem-per-cpu", "--mem-per-gpu")
            .refuse("is a short option: write the long form (short ones such as -o, -e, -D and -u name files,"
                    + " directories and users)", "-o", "-e", "-i", "-D", "-J", "-d", "-u", "-A", "-p", "-q", "-t",
                    "-c", "-n", "-N", "-C", "-a", "-b", "-G", "-W", "-H", "-M", "-k", "-s", "-w", "-x", "-L", "-m",
                    "-Q", "-S", "-v", "-V", "-h", "-F", "-B", "-O", "-I")
            .build();

    private SlurmExtra() {
    }
}
