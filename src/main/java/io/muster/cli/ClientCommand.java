package io.muster.cli;

import io.muster.client.FlowRejectedException;
import io.muster.client.JobTimeoutException;
import io.muster.client.Muster;
import io.muster.client.MusterException;
import io.muster.client.MusterLoginException;
import io.muster.client.MusterUnavailableException;
import io.muster.client.SubmissionRejectedException;
import io.muster.client.UnknownJobException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running server: connects, runs, closes, and turns the client's
 * exceptions into a message and an {@link ExitStatus}.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    /** The work of the command, with a connected client; returns the exit status. */
    abstract int run(Muster muster) throws Exception;

    /** Checks what needs no server (a usage error is found before connecting); nothing by default. */
    void beforeConnect() {
    }

    @Override
    public Integer call() throws Exception {
        Logs.configure(true);
        beforeConnect();
        try (Muster muster = client.connect()) {
            return run(muster);
        } catch (MusterUnavailableException e) {
            err().println("muster: " + e.getMessage() + ".");
            err().println("Start one with:  java -jar target/muster.jar server");
            err().println("(or point --url or $MUSTER_URL at the one that runs)");
            return ExitStatus.NO_SERVER;
        } catch (MusterLoginException e) {
            err().println("muster: " + e.getMessage() + (e.user() == null ? LoginOptions.HINT : ""));
            return ExitStatus.LOGIN_REFUSED;
        } catch (FlowRejectedException e) {
            if (e.code() == io.muster.api.ErrorCode.UNKNOWN_FLOW && e.problems().size() == 1) {
                // an unknown execution id is a usage error, as an unknown job id is
                err().println("muster: " + e.problems().get(0).reason());
                return ExitStatus.USAGE;
            }
            err().println("muster: " + e.getMessage());
            return ExitStatus.REJECTED;
        } catch (SubmissionRejectedException e) {
            err().println("muster: " + e.getMessage());
            return ExitStatus.REJECTED;
        } catch (JobTimeoutException e) {
            err().println("muster: timed out: " + e.getMessage());
            return ExitStatus.TIMED_OUT;
        } catch (UnknownJobException e) {
            err().println("muster: " + e.getMessage());
            return ExitStatus.USAGE;
        } catch (MusterException e) {
            err().println("muster: " + e.getMessage());
            return ExitStatus.JOB_FAILED;
        } finally {
            out().flush();
            err().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
