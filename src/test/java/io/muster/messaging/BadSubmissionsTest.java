package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.config.MusterConfig;
import io.muster.options.OptionResolver;
import io.muster.options.Profiles;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz suite's generator against the submission rules alone, without a broker: every case
 * is answered (never an exception), and every case that must be refused is. Fast, so a new kind
 * of bad message is tried here first; {@code FuzzSuiteIT} sends the same cases through a server.
 */
class BadSubmissionsTest {

    @TempDir
    Path data;

    @Test
    void everyGeneratedCaseIsAnsweredAndTheRefusedOnesAreRejected() {
        Schedulers schedulers = new Schedulers();
        schedulers.register(new LocalScheduler(2, 1024));
        MusterConfig config = new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 2, 1024, 8);
        Submissions rules = new Submissions(OptionResolver.forServer(Profiles.builtIn(), config), schedulers,
                config.workRoot());
        List<BadSubmissions.Case> cases = new BadSubmissions(42).cases(5000);
        int rejected = 0;
        for (BadSubmissions.Case c : cases) {
            String body = c.isBytes() ? new String(c.bytes(), StandardCharsets.UTF_8) : c.text();

            Submissions.Outcome outcome = rules.read(body);

            if (c.expect() == BadSubmissions.Expect.REJECTED) {
                assertThat(outcome.accepted()).as("%s: %s", c.kind(), body.substring(0, Math.min(300, body.length())))
                        .isFalse();
            }
            if (!outcome.accepted()) {
                rejected++;
                assertThat(outcome.violations()).isNotEmpty().hasSizeLessThanOrEqualTo(Submissions.MAX_VIOLATIONS + 1);
            }
        }
        assertThat(rejected).as("most cases are refused").isGreaterThan(cases.size() * 8 / 10);
    }
}
