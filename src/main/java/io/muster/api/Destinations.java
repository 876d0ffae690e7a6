package io.muster.api;

/** The broker addresses a client and the server meet at; asyncapi.yaml describes each. */
public final class Destinations {

    /** Anycast queue: JSON submissions, one job or array each. */
    public static final String SUBMIT_QUEUE = "muster.submit";
    /** Anycast queue: a copy of every rejected submission, for administrators. */
    public static final String REJECTED_QUEUE = "muster.rejected";
    /**
     * How many copies {@link #REJECTED_QUEUE} keeps: it is a ring queue ({@code ring-size} in
     * {@code server-config/broker.xml}), so each copy past these removes the oldest.
     */
    public static final long REJECTED_KEPT = 1000;
    /** Multicast topic: every state change of every job. */
    public static final String EVENTS_TOPIC = "muster.events";
    /** Request/reply: queue views, cancel, resubmit, clean, dry runs. */
    public static final String CONTROL_QUEUE = "muster.control";
    /** Request/reply: starting and stopping flows. */
    public static final String FLOWS_QUEUE = "muster.flows";
    /** The broker's dead-letter queue: messages the server could not take. */
    public static final String DEAD_LETTER_QUEUE = "DLQ";

    private Destinations() {
    }
}
