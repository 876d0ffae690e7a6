package io.muster.scheduler.torque;

import io.muster.scheduler.ExtraArguments;

/**
 * The qsub options {@code extra} may carry on Torque/PBS, each with its value attached
 * ({@code -lpmem=2gb}, {@code -p10}, {@code -mabe}): resources that change nothing of identity,
 * files or directories. Everything else is refused, by name where qsub would change those.
 */
final class TorqueExtra {

    static final ExtraArguments ARGUMENTS = ExtraArguments.forProgram("qsub")
            .resources("-l", "pmem", "vmem", "pvmem", "ncpus", "ngpus", "gres", "feature", "software", "cput",
                    "pcput", "naccesspolicy", "nice", "procs", "select", "place", "mpiprocs", "ompthreads")
            .allow(ExtraArguments.Form.NUMBER, "-p")
            .allow(ExtraArguments.Form.VALUE, "-m")
            .refuse("changes the user the job runs as", "-u", "-P")
            .refuse("sets job attributes that include the user's group and files to stage (group_list, stagein,"
                    + " stageout): use depends for dependencies", "-W")
            .refuse("names or keeps files the scheduler writes: use outfile and errfile, which stay inside the work"
                    + " root", "-o", "-e", "-j", "-k")
            .refuse("changes the directory the job runs in: use runpath", "-d", "-w", "-D")
            .refuse("changes the shell or the directive prefix of the script", "-S", "-C")
            .refuse("is written by Muster or a catalogue option: use name, partition, account, begin, array, mail,"
                    + " export or requeue", "-N", "-q", "-A", "-a", "-t", "-M", "-v", "-V", "-r")
            .refuse("would hold the job or make it interactive", "-h", "-I", "-X", "-x", "-z", "-c")
            .build();

    private TorqueExtra() {
    }
}
