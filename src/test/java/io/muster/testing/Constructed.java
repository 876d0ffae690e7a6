package io.muster.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class on the test class path that counts how often it was constructed: a flow that names it
 * as a batch artifact must never get it constructed.
 */
public class Constructed {

    public static final AtomicInteger COUNT = new AtomicInteger();

    public Constructed() {
        COUNT.incrementAndGet();
    }
}
