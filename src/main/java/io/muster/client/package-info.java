/**
 * The Java client of Muster: submit jobs, follow them, ask the queue, over the broker.
 *
 * <pre>{@code
 * try (Muster muster = Muster.connect("tcp://127.0.0.1:61616")) {
 *     JobHandle align = JobRequest.command("bwa mem ref.fa reads.fq > out.sam")
 *             .name("align").cores(4).mem("16GB").time("2:00:00").submit(muster);
 *     JobHandle sort = muster.command("samtools sort out.sam").dependsOn(align).submit();
 *     JobState end = sort.await(Duration.ofHours(3));
 *     System.out.print(sort.stdout());
 * }
 * }</pre>
 *
 * <p>Everything goes through the broker: submissions to {@code muster.submit}, questions and
 * commands (queue views, cancel, resubmit, clean, dry runs) to {@code muster.control} as
 * request/reply, state changes from the topic {@code muster.events}. The client needs nothing of
 * the server: the messages' shared types ({@link io.muster.api.JobState},
 * {@link io.muster.api.JobResult}, {@link io.muster.api.Violation}, the addresses in
 * {@link io.muster.api.Destinations}) live in {@code io.muster.api}, which imports nothing of the server.
 *
 * <p>A {@link io.muster.client.Muster} is thread-safe; so are handles. Callbacks
 * ({@link io.muster.client.JobHandle#onCompletion()}, event listeners) run on the client's own
 * threads, never on the caller's, and may call the client again.
 */
package io.muster.client;
