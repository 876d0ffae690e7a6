package io.muster.scheduler.sge;

import static io.muster.scheduler.ExtraArguments.Form.FLAG;
import static io.muster.scheduler.ExtraArguments.Form.NUMBER;
import static io.muster.scheduler.ExtraArguments.Form.VALUE;

import io.muster.scheduler.ExtraArguments;

/**
 * The qsub options {@code extra} may carry on Grid Engine, each written with its value attached
 * as on Torque ({@code -lh_cpu=600}, {@code -p-10}, {@code -Pbio}), since an item is one token;
 * the dialect writes it as Grid Engine reads it, the value a word of its own
 * ({@code #$ -l h_cpu=600}). Resources are the cell's standard complexes that change nothing of
 * identity, files or directories, and {@code gpu} and {@code exclusive}, the names sites give
 * those complexes; everything else is refused, by name where qsub would change those.
 */
final class SgeExtra {

    static final ExtraArguments ARGUMENTS = ExtraArguments.forProgram("qsub")
            .separateWords()
            .resources("-l", "h_cpu", "s_cpu", "s_rt", "s_vmem", "h_rss", "s_rss", "h_data", "s_data", "h_stack",
                    "s_stack", "h_core", "s_core", "h_fsize", "s_fsize", "arch", "calendar", "cpu", "num_proc",
                    "m_core", "m_socket", "m_thread", "m_topology", "hostname", "gpu", "exclusive")
            .allow(NUMBER, "-p")
            .allow(VALUE, "-m", "-P", "-R", "-js", "-ac")
            .allow(FLAG, "-notify")
            .refuse("names or joins files the scheduler reads or writes: use outfile and errfile, which stay inside"
                    + " the work root", "-o", "-e", "-i", "-j")
            .refuse("reads further options from a file, or runs a site's submission verifier", "-@", "-jsv")
            .refuse("changes the directory the job runs in: use runpath", "-wd", "-cwd")
            .refuse("changes the shell or the directive prefix of the script", "-S", "-C", "-shell", "-b")
            .refuse("is written by Muster or a catalogue option: use name, depends, partition, account, cores,"
                    + " begin, array, mail, export or requeue", "-N", "-hold_jid", "-hold_jid_ad", "-q", "-A",
                    "-pe", "-a", "-t", "-tc", "-M", "-v", "-V", "-r", "-masterq", "-dl")
            .refuse("changes how Muster submits or how the options before it apply (hold, wait, soft requests,"
                    + " clearing)", "-h", "-sync", "-now", "-terse", "-verify", "-clear", "-soft", "-hard", "-pty",
                    "-dc", "-sc", "-ckpt", "-c")
            .build();

    private SgeExtra() {
    }
}
