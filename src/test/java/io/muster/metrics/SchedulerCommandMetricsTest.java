package io.muster.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.config.MusterConfig;
import io.muster.messaging.EmbeddedBroker;
import io.muster.queue.QueueView;
import io.muster.scheduler.CommandRunner;
import io.muster.scheduler.ProcessCommandRunner;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.store.Database;
import io.muster.store.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduler commands, run for real through {@link ProcessCommandRunner}, are timed per backend and
 * program, and those that fail (non-zero exit, a program that is not there) are counted.
 */
class SchedulerCommandMetricsTest {

    @TempDir
    Path dir;

    private Database database;
    private LocalScheduler pool;
    private final MusterMetrics metrics = new MusterMetrics();

    @BeforeEach
    void open() {
        database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        pool = new LocalScheduler(1, 100);
        metrics.open(new QueueView(new JobStore(database.dataSource())), Set.of("local", "slurm"), pool,
                new EmbeddedBroker(new MusterConfig(dir, "127.0.0.1", 0, 1, 100, 4)));
    }

    @AfterEach
    void close() {
        metrics.close();
        pool.close();
        database.close();
    }

    private static double value(String text, String line) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(line) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(line + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void givenCommandsThatSucceedFailAndCannotStartEachIsTimedAndTheFailuresCounted() throws Exception {
        CommandRunner runner = new TimedCommandRunner("slurm", new ProcessCommandRunner(), metrics);

        assertThat(runner.run(List.of("true"), Duration.ofSeconds(10)).succeeded()).isTrue();
        assertThat(runner.run(List.of("/bin/true"), Duration.ofSeconds(10)).succeeded()).isTrue();
        assertThat(runner.run(List.of("false"), Duration.ofSeconds(10)).exitCode()).isEqualTo(1);
        assertThatThrownBy(() -> runner.run(List.of("/no/such/squeue"), Duration.ofSeconds(10)))
                .isInstanceOf(CommandRunner.CommandException.class);

        String text = metrics.scrape();
        assertThat(value(text, "muster_scheduler_command_seconds_count{backend=\"slurm\",command=\"true\"}"))
                .isEqualTo(2.0);
        assertThat(value(text, "muster_scheduler_command_failures_total{backend=\"slurm\",command=\"true\"}"))
                .isZero();
        assertThat(value(text, "muster_scheduler_command_failures_total{backend=\"slurm\",command=\"false\"}"))
                .isEqualTo(1.0);
        assertThat(value(text, "muster_scheduler_command_failures_total{backend=\"slurm\",command=\"squeue\"}"))
                .isEqualTo(1.0);
        assertThat(value(text, "muster_jobs{backend=\"slurm\",state=\"RUNNING\"}")).isZero();
    }

    @Test
    void givenMetricsAreClosedCommandsStillRunAndNothingIsMeasured() throws Exception {
        metrics.close();
        CommandRunner runner = new TimedCommandRunner("torque", new ProcessCommandRunner(), metrics);

        assertThat(runner.run(List.of("true"), Duration.ofSeconds(10)).succeeded()).isTrue();
        assertThat(metrics.scrape()).isNull();
    }
}
