package io.muster.cli;

import io.muster.batch.BatchEngine;
import io.muster.messaging.EventPublisher;
import io.muster.scheduler.Schedulers;
import io.muster.server.MusterServer;
import io.muster.tracking.JobLifecycle;
import org.jberet.creation.BatchCDIExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** The Weld SE container of a Muster process, with exactly Muster's beans (no classpath scan). */
public final class Container {

    private Container() {
    }

    public static WeldContainer start() {
        return start("muster");
    }

    /** A container of its own name: several servers in one JVM (the benchmark's {@code --servers}). */
    public static WeldContainer start(String id) {
        return new Weld(id)
                .disableDiscovery()
                .addPackages(true, MusterServer.class, BatchEngine.class, EventPublisher.class, Schedulers.class,
                        JobLifecycle.class, io.muster.http.HttpFrontend.class, io.muster.metrics.MusterMetrics.class)
                .addExtension(new BatchCDIExtension())
                .property("org.jboss.weld.se.shutdownHook", false)
                .initialize();
    }
}
