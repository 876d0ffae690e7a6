package io.muster.cli;

import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jboss.weld.environment.se.WeldContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code muster server}: runs the broker, the listener and the backends until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start Muster: embedded broker, job store, batch engine, local pool; runs until Ctrl-C.")
class ServerCommand implements Callable<Integer> {

    @Mixin
    ServerOptions options;

    /** Made at start, while the logging configuration is there to give it the log's format. */
    private static SimpleFormatter stopFormat;

    @Override
    public Integer call() throws Exception {
        MusterConfig config = options.listeningConfig();
        Logs.configure(false);
        stopFormat = new SimpleFormatter();
        WeldContainer container = Container.start();
        MusterServer server = container.select(MusterServer.class).get();
        // exit, not limp on: a supervisor (systemd's Restart=on-failure) starts a server that works
        server.onFatal(reason -> new Thread(() -> {
            stopLine("exiting with status " + MusterCli.SERVER_IO_ERROR + ": " + reason);
            System.exit(MusterCli.SERVER_IO_ERROR);
        }, "muster-fatal").start());
        server.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                int local = server.localPool().running() + server.localPool().queued();
                stopLine("stopping (SIGTERM or Ctrl-C); " + local + " local jobs keep running or waiting, and cluster"
                        + " jobs on their scheduler: the next start takes them back");
                server.stop();
                container.shutdown();
                stopLine("stopped");
            } catch (Exception e) {
                System.err.println("muster: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "muster-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * A log line while the JVM shuts down, in the log's format but straight to stderr: the logging
     * system closes its handlers in a shutdown hook of its own, which may run before this one.
     */
    private static void stopLine(String message) {
        LogRecord line = new LogRecord(Level.INFO, message);
        line.setLoggerName(MusterServer.class.getName());
        line.setSourceClassName(MusterServer.class.getName());
        System.err.print(stopFormat.format(line));
        System.err.flush();
    }
}
