package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Violation;
import io.muster.job.JobRecord;
import io.muster.options.OptionResolver;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.testing.SubmissionJson;
import io.muster.testing.TestRecords;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text fields of a submission: a request id that is a key, no control characters, nothing that forges a log line. */
class SubmissionTextTest {

    private final Submissions rules;

    SubmissionTextTest() {
        Schedulers schedulers = new Schedulers();
        schedulers.register(new LocalScheduler(2, 1024));
        rules = new Submissions(new OptionResolver(), schedulers, Path.of("/tmp/muster-work"));
    }

    private Violation onlyViolation(SubmissionJson body) {
        Submissions.Outcome outcome = rules.read(body.json());
        assertThat(outcome.accepted()).as("accepted %s", body.json()).isFalse();
        assertThat(outcome.violations()).hasSize(1);
        return outcome.violations().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void givenABlankRequestId_whenRead_thenRefusedNamingRequestIdAndNoKeyIsAnswered(String blank) {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").requestId(blank).json());

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.requestId()).isNull();
        assertThat(outcome.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("requestId");
            assertThat(v.value()).isEqualTo(blank);
            assertThat(v.message()).startsWith("requestId '" + Violation.escape(blank) + "' must not be blank");
        });
    }

    @Test
    void givenANulInTheCommand_whenRead_thenRefusedNamingCommandAndTheCharacter() {
        Violation v = onlyViolation(SubmissionJson.command("echo a\u0000b"));

        assertThat(v.option()).isEqualTo("command");
        assertThat(v.message()).isEqualTo("command 'echo a\\u0000b' has control character U+0000;"
                + " a command may hold tabs and newlines, no other");
    }

    @Test
    void givenTabsAndNewlinesInTheCommand_whenRead_thenAccepted() {
        assertThat(rules.read(SubmissionJson.command("echo a\tb\necho c").json()).violations()).isEmpty();
    }

    @Test
    void givenACarriageReturnInTheCommand_whenRead_thenRefused() {
        assertThat(onlyViolation(SubmissionJson.command("echo a\r")).message()).contains("U+000D");
    }

    @Test
    void givenControlCharactersInRequestIdUserAndName_whenRead_thenEachIsRefusedNamingItsField() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").requestId("k\u0000")
                .user("bob\u001b[31m").name("a\u0007").json());

        assertThat(outcome.violations()).extracting(Violation::option)
                .containsExactlyInAnyOrder("requestId", "user", "name");
        assertThat(outcome.violations()).extracting(Violation::message).allSatisfy(m ->
                assertThat(m).contains("has control character U+00"));
        assertThat(outcome.violations()).filteredOn(v -> v.option().equals("user")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("user 'bob\\u001b[31m' has control character U+001B"));
    }

    @Test
    void givenAnUnknownFieldWithANewlineInItsName_whenRefused_thenTheMessageHasNoLineBreak() {
        Violation v = onlyViolation(SubmissionJson.command("true").field("x\nINFO forged line", 1));

        assertThat(v.message()).startsWith("unknown field 'x\\nINFO forged line'").doesNotContain("\n");
    }

    @Test
    void givenAKeyStoredForAnotherUser_whenTheSameKeyComesFromBob_thenRefusedWithoutNamingTheJob() {
        JobRecord alices = TestRecords.keyed("nightly", "alice");
        JobRecord bobs = TestRecords.keyed("nightly", "bob");

        assertThat(Submissions.keyTaken(bobs, alices)).hasValueSatisfying(v -> {
            assertThat(v.option()).isEqualTo("requestId");
            assertThat(v.value()).isEqualTo("nightly");
            assertThat(v.message()).isEqualTo("requestId 'nightly' is taken by another user's submission;"
                    + " choose another requestId").doesNotContain(alices.id().value());
        });
    }

    @Test
    void givenAKeyStoredForTheSameUser_whenSentAgain_thenTheStoredJobIsTheAnswer() {
        JobRecord first = TestRecords.keyed("nightly", "alice");

        assertThat(Submissions.keyTaken(TestRecords.keyed("nightly", "alice"), first)).isEmpty();
        assertThat(Submissions.keyTaken(first, first)).isEmpty();
    }
}
