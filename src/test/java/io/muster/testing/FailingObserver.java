package io.muster.testing;

import io.muster.api.JobState;
import io.muster.tracking.JobChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An observer of job changes that throws when told to, before Muster's own observers: a stand-in
 * for an observer with a bug. Inert until a test arms it for a job name, so it sits harmlessly
 * in every deployment that takes all of {@code io.muster}.
 */
@ApplicationScoped
public class FailingObserver {

    private static final Map<String, JobState> ARMED = new ConcurrentHashMap<>();

    /** From now on, the move of the job named {@code name} into {@code state} makes this observer throw. */
    public static void failOn(String name, JobState state) {
        ARMED.put(name, state);
    }

    public static void disarm(String name) {
        ARMED.remove(name);
    }

    void onChange(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) JobChanged change) {
        if (change.job().name() != null && ARMED.get(change.job().name()) == change.job().state()) {
            throw new IllegalStateException("a failing observer, on " + change.job().state() + " of " + change.job().name());
        }
    }
}
