package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.api.Violation;
import io.muster.options.OptionResolver;
import io.muster.scheduler.Schedulers;
import io.muster.scheduler.local.LocalScheduler;
import io.muster.testing.SubmissionJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionsTest {

    private final Schedulers schedulers = new Schedulers();
    private final Submissions rules;

    SubmissionsTest() {
        schedulers.register(new LocalScheduler(2, 1024));
        rules = new Submissions(new OptionResolver(), schedulers, Path.of("/tmp/muster-work"));
    }

    @Test
    void rejectsAnUnknownBackendNamingItAndListingTheRegistrysBackendsInOrder() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").backend("lsf").json());

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("backend");
            assertThat(v.value()).isEqualTo("lsf");
            assertThat(v.message()).isEqualTo("backend 'lsf' must be one of auto, "
                    + String.join(", ", io.muster.backends.Backends.names())
                    + ", or local@HOST for the local pool of the server on HOST");
        });
    }

    /** Rules of a server on host alpha, with servers on alpha and beta sharing its database. */
    private Submissions onAlphaBesideBeta() {
        schedulers.localPoolOn("alpha");
        return new Submissions(new OptionResolver(), schedulers, Path.of("/tmp/muster-work"),
                () -> java.util.Set.of("alpha", "beta"));
    }

    @Test
    void givenServersOnAlphaAndBetaWhenAJobAsksForBetasPoolThenItIsAcceptedForBeta() {
        Submissions.Outcome outcome = onAlphaBesideBeta().read(SubmissionJson.command("true").backend("local@beta")
                .option("cores", 2).json());

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.job().backend()).isEqualTo("local@beta");
    }

    @Test
    void givenNoServerOnAHostWhenAJobAsksForItsPoolThenRejectedNamingTheHostsThatRun() {
        Submissions.Outcome outcome = onAlphaBesideBeta().read(SubmissionJson.command("true").backend("local@gamma").json());

        assertThat(outcome.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("backend");
            assertThat(v.value()).isEqualTo("local@gamma");
            assertThat(v.message()).startsWith("no Muster server runs on host gamma (servers run on: alpha, beta)");
        });
    }

    @Test
    void anotherHostsPoolIsCheckedByTheLocalPoolsRules() {
        Submissions.Outcome outcome = onAlphaBesideBeta().read(SubmissionJson.command("true").backend("local@beta")
                .option("cores", 64).json());

        assertThat(outcome.violations()).extracting(Violation::option).contains("cores");
    }

    @Test
    void rejectsALocalPoolOfNoHostName() {
        for (String backend : java.util.List.of("local@", "local@-x", "local@a b", "local@x;rm -rf /")) {
            assertThat(onAlphaBesideBeta().read(SubmissionJson.command("true").backend(backend).json()).violations())
                    .as(backend).extracting(Violation::option).containsExactly("backend");
        }
    }

    @Test
    void theOwnHostsPoolIsTheLocalPool() {
        Submissions.Outcome outcome = onAlphaBesideBeta().read(SubmissionJson.command("true").backend("local@alpha").json());

        assertThat(outcome.violations()).isEmpty();
        assertThat(schedulers.resolve(outcome.job().backend())).isEqualTo("local");
        assertThat(schedulers.otherHostsPool("local@alpha")).isEmpty();
        assertThat(schedulers.otherHostsPool("local@beta")).contains("beta");
    }

    @Test
    void acceptsAPlainCommandAsAnAcceptedJobWithNormalisedOptions() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("echo hi").option("memory", "512MB")
                .option("cpus", "2").requestId("r1").json());

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.job().state()).isEqualTo(JobState.ACCEPTED);
        assertThat(outcome.job().options()).containsEntry("mem", 512L).containsEntry("cores", 2);
        assertThat(outcome.job().requestId()).isEqualTo("r1");
        assertThat(outcome.job().workDir().startsWith(Path.of("/tmp/muster-work/jobs"))).isTrue();
    }

    @Test
    void namesTheJobAfterTheCommandWhenNoNameIsGiven() {
        assertThat(rules.read(SubmissionJson.command("/usr/bin/bwa mem ref.fa").json()).job().name()).isEqualTo("bwa");
    }

    @Test
    void namesTheJobAfterTheNameOptionWhenOnlyTheOptionsGiveOne() {
        assertThat(rules.read(SubmissionJson.command("/usr/bin/bwa mem ref.fa").option("name", "align").json()).job()
                .name()).isEqualTo("align");
    }

    @Test
    void namesTheJobAfterItsProfilesName() {
        Submissions withProfile = new Submissions(OptionResolver.forServer(io.muster.options.Profiles.of(
                java.util.Map.of("aligner", java.util.Map.of("name", "align"))), io.muster.config.MusterConfig.defaults()),
                schedulers, Path.of("/tmp/muster-work"));

        assertThat(withProfile.read(SubmissionJson.command("bwa mem").profile("aligner").json()).job().name())
                .isEqualTo("align");
        assertThat(withProfile.read(SubmissionJson.command("bwa mem").profile("aligner").name("mine").json()).job()
                .name()).isEqualTo("mine");
    }

    @Test
    void rejectsTwoDifferentNamesNamingBoth() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").name("a").option("name", "b").json());

        assertThat(outcome.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("name");
            assertThat(v.message()).contains("'a'").contains("'b'");
        });
    }

    @Test
    void theBrokerLoginIsTheJobsUserAndTheBodysUserWithoutOne() {
        assertThat(rules.read(SubmissionJson.command("true").json(), "alice").job().user()).isEqualTo("alice");
        assertThat(rules.read(SubmissionJson.command("true").field("user", "alice").json(), "alice").job().user())
                .isEqualTo("alice");
        assertThat(rules.read(SubmissionJson.command("true").field("user", "carol").json(), null).job().user())
                .isEqualTo("carol");
    }

    @Test
    void rejectsABodyNamingAnotherUserThanTheBrokerLogin() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").field("user", "bob").json(), "alice");

        assertThat(outcome.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("user");
            assertThat(v.value()).isEqualTo("bob");
            assertThat(v.message()).contains("broker login 'alice'");
        });
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        Submissions.Outcome outcome = rules.read("{nope");

        assertThat(outcome.violations()).extracting(Violation::option).containsExactly("body");
    }

    @Test
    void rejectsAMissingCommand() {
        assertThat(rules.read("{}").violations()).extracting(Violation::option).containsExactly("command");
    }

    @Test
    void rejectsAnUnknownTopLevelField() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").field("comand", "x").json());

        assertThat(outcome.violations()).extracting(Violation::option).containsExactly("comand");
    }

    @Test
    void rejectsAnUnknownBackend() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").backend("kubernetes").json());

        assertThat(outcome.violations()).extracting(Violation::value).containsExactly("kubernetes");
    }

    @Test
    void rejectsMoreCoresThanTheLocalPoolHasAtSubmission() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").backend("local").option("cores", 3).json());

        assertThat(outcome.violations()).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("cores");
            assertThat(v.message()).contains("more than the local pool has (2)");
        });
    }

    @Test
    void rejectsANameThatWouldAddAScriptDirective() {
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").name("a\n#SBATCH --uid=0").json());

        assertThat(outcome.violations()).extracting(Violation::option).containsExactly("name");
    }

    @Test
    void keepsTheRequestIdOfARejectedSubmission() {
        assertThat(rules.read(SubmissionJson.command("true").option("mem", "lots").requestId("r9").json()).requestId())
                .isEqualTo("r9");
    }

    @Test
    void requestIdUserAndNamePastTheStoresColumnsAreViolationsNotFailedInserts() {
        String longText = "r".repeat(201);
        Submissions.Outcome outcome = rules.read(SubmissionJson.command("true").requestId(longText)
                .field("user", longText).name(longText).json());

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.violations()).extracting(Violation::option)
                .containsExactlyInAnyOrder("requestId", "user", "name");
        assertThat(outcome.violations()).allSatisfy(v -> assertThat(v.message()).contains("at most 200 characters"));
        assertThat(outcome.requestId()).as("too long to answer with").isNull();
    }

    @Test
    void aHugeBodyOrCommandIsRefusedNamingTheLimit() {
        assertThat(rules.read("{\"command\":\"" + "x".repeat(1_000_001) + "\"}").violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("at most 1000000 characters"));
        assertThat(rules.read(SubmissionJson.command("x".repeat(100_001)).json()).violations())
                .extracting(Violation::option).containsExactly("command");
    }

    @Test
    void thousandsOfUnknownFieldsGiveABoundedAnswer() {
        StringBuilder body = new StringBuilder("{\"command\":\"true\"");
        for (int i = 0; i < 5000; i++) {
            body.append(",\"f").append(i).append("\":1");
        }
        body.append('}');

        assertThat(rules.read(body.toString()).violations()).hasSize(Submissions.MAX_VIOLATIONS + 1)
                .last().satisfies(v -> assertThat(v.message()).contains("and 4950 more violations"));
    }

    @Test
    void deepJsonIsRefusedAsNotJsonBeforeAnythingRecursesIntoIt() {
        // 400 levels once overflowed the stack of the code that quotes a rejected value
        for (int depth : new int[] {Submissions.MAX_DEPTH, 400, 5000}) {
            String deep = "[".repeat(depth) + "]".repeat(depth);

            assertThat(rules.read("{\"command\":\"true\",\"options\":{\"cores\":" + deep + "}}").violations())
                    .as("depth %d", depth).singleElement().satisfies(v -> {
                        assertThat(v.option()).isEqualTo("body");
                        assertThat(v.message()).isEqualTo("is not JSON: it nests deeper than 16 levels");
                    });
        }
        assertThat(rules.read("{\"command\":\"true\",\"options\":{\"depends\":[\"a\",[\"b\"]]}}").accepted())
                .as("shallow nesting is read").isTrue();
    }

    /** Regression (black-box probe): with the last of two keys winning, a check in front of Muster could see one command and Muster run another. */
    @Test
    void refusesAKeyGivenTwiceNamingIt() {
        var violations = rules.read("{\"command\":\"echo a\",\"command\":\"echo b\"}").violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.option()).isEqualTo("body");
            assertThat(v.message()).isEqualTo("is not JSON: field 'command' is given twice");
        });
        assertThat(rules.read("{\"command\":\"true\",\"options\":{\"mem\":\"1GB\",\"mem\":\"9GB\"}}").accepted())
                .as("twice inside options too").isFalse();
    }

    @Test
    void aCommandOfTheWrongKindIsOneViolationNotTwo() {
        assertThat(rules.read("{\"command\":123}").violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("command must be a string"));
    }

    @Test
    void refusesAnythingAfterTheObject() {
        assertThat(rules.read("{\"command\":\"true\"}{\"command\":\"id\"}").violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo(
                        "is not JSON: there is more after the JSON object; a message holds one object"));
        assertThat(rules.read("{\"command\":\"echo hi\"} trailing").violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("is not JSON: Unrecognized token 'trailing'"));
        assertThat(rules.read("{\"command\":\"true\"}\n  ").accepted()).as("white space after it is fine").isTrue();
    }

    @Test
    void notJsonSaysWhatIsWrongWithoutTheParsersSettings() {
        String message = rules.read("{\"command\":\"true\",\"options\":{\"cores\":NaN}}").violations().get(0).message();

        assertThat(message).startsWith("is not JSON: Non-standard token 'NaN'").doesNotContain("Feature", "enable");
    }

    @Test
    void aNumberTooLongToReadIsNotJsonWithoutTheParsersSettings() {
        String message = rules.read("{\"command\":\"true\",\"options\":{\"cores\":" + "9".repeat(5000) + "}}")
                .violations().get(0).message();

        assertThat(message).isEqualTo("is not JSON: Number value length (5000) exceeds the maximum allowed (1000)");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "''{0}'' is named ''{1}''")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "/usr/bin/python3 align.py --fast | python3",
            "  \t./run-all.sh;next | run-all.shnext",
            "echo hi | echo",
            "'$(rm -rf /)' x | rm",
            "/// | job",
            "ünïcode-tool arg | ncode-tool",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void namesAJobWithoutANameAfterItsCommandsFirstWordWithoutDirectoryOrUnsafeCharacters(String command,
                                                                                           String name) {
        assertThat(Submissions.defaultName(command)).isEqualTo(name);
    }

    @Test
    void namesAJobOfAHugeOneWordCommandFromItsFirstFortyUsableCharacters() {
        String command = "x/" + "ab;".repeat(200_000);

        assertThat(Submissions.defaultName(command)).isEqualTo("ab".repeat(20));
    }
}
