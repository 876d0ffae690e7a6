package io.muster.cli;

import io.muster.config.MusterConfig;
import io.muster.server.MusterServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jboss.weld.environment.se.WeldContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code muster server}: runs the broker, the listener and the backends until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start Muster: embedded broker, job store, batch engine, local pool; runs until Ctrl-C.")
class ServerCommand implements Callable<Integer> {

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        MusterConfig config = options.listeningConfig();
        Logs.configure(false);
        WeldContainer container = Container.start();
        MusterServer server = container.select(MusterServer.class).get();
        server.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
                container.shutdown();
            } catch (Exception e) {
                System.err.println("muster: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "muster-shutdown"));
        stopped.await();
        return 0;
    }
}
