/**
 * What the client and the server say to each other over the broker: the addresses
 * ({@link io.muster.api.Destinations}), job ids, states and results, and the violations of a
 * rejected submission. asyncapi.yaml describes the messages on the wire.
 *
 * <p>This package imports nothing of the server and nothing outside the JDK, so the client jar
 * can carry it alone.
 */
package io.muster.api;
