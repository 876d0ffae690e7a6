import io.muster.api.Destinations;
import io.muster.api.JobState;
import io.muster.client.Muster;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The measuring half of bench/slurm-inflight.sh (run by it, with the server it started):
 * sends N {@code sleep} jobs to a cluster backend, then samples the server's threads and RSS, the
 * time until every job is handed over, how many jobs the scheduler holds at once, and the status
 * commands the server ran per poll interval (from the log its command wrappers write), until
 * every job ended.
 *
 * <p>Arguments: port, server pid, commands log, backend, status program, jobs, sleep seconds,
 * poll interval in ms, window in seconds over which status calls are counted.
 */
public final class SlurmInFlight {

    private static final String NAME = "inflight-bench";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        Path calls = Path.of(args[2]);
        String backend = args[3];
        String statusProgram = args[4];
        int n = Integer.parseInt(args[5]);
        String sleep = args[6];
        long pollMs = Long.parseLong(args[7]);
        int windowSeconds = Integer.parseInt(args[8]);
        String url = "tcp://127.0.0.1:" + port;

        long[] before = sample(pid);
        System.out.printf("before:  %d threads, RSS %d MB%n", before[0], before[1] / 1024);

        long start = System.nanoTime();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        try (factory; Connection connection = factory.createConnection()) {
            // one transaction per 100 persistent messages: the send itself is not what is measured
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.SUBMIT_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < n; i++) {
                producer.send(session.createTextMessage("{\"requestId\":\"" + NAME + "-" + start + "-" + i
                        + "\",\"name\":\"" + NAME + "\",\"backend\":\"" + backend + "\",\"command\":\"sleep " + sleep
                        + "\"}"));
                if (i % 100 == 99) {
                    session.commit();
                }
            }
            session.commit();
        }
        double sent = seconds(start);
        System.out.printf("sent:    %d jobs in %.1f s%n", n, sent);

        long[] peak = before.clone();
        Double handedOver = null;
        int maxAtScheduler = 0;
        long windowStart = 0;
        int callsAtWindowStart = 0;
        String windowResult = null;
        try (Muster client = Muster.connect(url)) {
            while (true) {
                Thread.sleep(500);
                long[] now = sample(pid);
                peak[0] = Math.max(peak[0], now[0]);
                peak[1] = Math.max(peak[1], now[1]);
                Map<JobState, Integer> counts = client.queue().all().name(NAME).counts();
                int total = counts.values().stream().mapToInt(Integer::intValue).sum();
                int accepted = counts.getOrDefault(JobState.ACCEPTED, 0);
                int done = counts.entrySet().stream().filter(e -> e.getKey().isFinal())
                        .mapToInt(Map.Entry::getValue).sum();
                maxAtScheduler = Math.max(maxAtScheduler, total - accepted - done);
                if (handedOver == null && total == n && accepted == 0) {
                    handedOver = seconds(start);
                    System.out.printf("handed:  all %d handed over %.1f s after the first send; the scheduler"
                            + " holds %d at once, %s%n", n, handedOver, total - done, counts);
                    System.out.printf("during:  %d threads, RSS %d MB%n", now[0], now[1] / 1024);
                    windowStart = System.nanoTime();
                    callsAtWindowStart = count(calls, statusProgram);
                }
                if (windowResult == null && handedOver != null && seconds(windowStart) >= windowSeconds) {
                    double w = seconds(windowStart);
                    int made = count(calls, statusProgram) - callsAtWindowStart;
                    windowResult = String.format("%d %s calls in %.1f s with %d jobs in flight: %.2f per %d ms"
                            + " poll interval", made, statusProgram, w, total - done, made / (w * 1000 / pollMs),
                            pollMs);
                    System.out.println("polls:   " + windowResult);
                }
                if (total == n && done == n) {
                    System.out.printf("ended:   all %d ended %.1f s after the first send: %s%n", n, seconds(start),
                            counts);
                    break;
                }
            }
        }
        Thread.sleep(5_000);
        long[] after = sample(pid);
        System.out.printf("peak:    %d threads, RSS %d MB%n", peak[0], peak[1] / 1024);
        System.out.printf("after:   %d threads, RSS %d MB (5 s after the last end)%n", after[0], after[1] / 1024);
        System.out.printf("commands: %s%n", tally(calls));
        if (windowResult == null) {
            System.out.println("polls:   the jobs ended before a " + windowSeconds + " s window: raise the job count or the sleep");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Threads and resident memory (kB) of the process, from /proc. */
    private static long[] sample(long pid) throws Exception {
        long threads = 0;
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.substring(8).trim());
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return new long[] {threads, rss};
    }

    /** Lines of the commands log that name {@code program}: one per command the server ran. */
    private static int count(Path calls, String program) throws Exception {
        if (!Files.exists(calls)) {
            return 0;
        }
        return (int) Files.readAllLines(calls).stream().filter(program::equals).count();
    }

    private static Map<String, Long> tally(Path calls) throws Exception {
        List<String> lines = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        Map<String, Long> out = new java.util.TreeMap<>();
        lines.forEach(l -> out.merge(l, 1L, Long::sum));
        return out;
    }
}
