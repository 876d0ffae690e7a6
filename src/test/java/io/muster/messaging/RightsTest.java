package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.config.UserRole;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may act on which job, and the words of a refusal. */
class RightsTest {

    private static final Sender OLGA = Sender.of("olga", UserRole.OBSERVE.withIncluded());
    private static final Sender ALICE = Sender.of("alice", UserRole.SUBMIT.withIncluded());
    private static final Sender ROOT = Sender.of("root", UserRole.ADMIN.withIncluded());

    @Test
    void givenASubmitterWhenSheStopsSomebodyElsesFlowThenRefusedNamingTheOwnerAndAdmin() {
        assertThat(Rights.refusalOnFlow(ALICE, "stop", 12, "bob"))
                .hasValue("alice may not stop flow execution 12 of bob (needs admin)");
        assertThat(Rights.refusalOnFlow(ALICE, "restart", 12, "alice")).isEmpty();
        assertThat(Rights.refusalOnFlow(ROOT, "stop", 12, "bob")).isEmpty();
        // a flow started without a login has no owner: any submitter may, as before owners existed
        assertThat(Rights.refusalOnFlow(ALICE, "stop", 12, null)).isEmpty();
        assertThat(Rights.refusalOnFlow(OLGA, "stop", 12, null))
                .hasValue("olga may not stop flow execution 12 (needs submit)");
    }

    @Test
    void givenASubmitterWhenSheActsOnHerOwnJobThenSheMay() {
        assertThat(Rights.refusalOnJob(ALICE, "cancel", "j1", "alice")).isEmpty();
    }

    @Test
    void givenASubmitterWhenSheActsOnSomebodyElsesJobThenTheRefusalNamesHerTheJobItsOwnerAndAdmin() {
        assertThat(Rights.refusalOnJob(ALICE, "cancel", "j1", "bob"))
                .hasValue("alice may not cancel job j1 of bob (needs admin)");
        assertThat(Rights.refusalOnJob(ALICE, "clean", "j2", null))
                .hasValue("alice may not clean job j2, which has no user (needs admin)");
    }

    @Test
    void givenAnObserverWhenSheActsOnHerOwnJobThenSheNeedsSubmit() {
        assertThat(Rights.refusalOnJob(OLGA, "resubmit", "j1", "olga"))
                .hasValue("olga may not resubmit job j1 of olga (needs submit)");
        assertThat(Rights.refusalOnJob(OLGA, "cancel", "j1", "bob"))
                .hasValue("olga may not cancel job j1 of bob (needs admin)");
    }

    @Test
    void givenAnAdminOrNoChecksWhenActingOnAnyJobThenAllowed() {
        assertThat(Rights.refusalOnJob(ROOT, "cancel", "j1", "bob")).isEmpty();
        assertThat(Rights.refusalOnJob(ROOT, "clean", "j1", null)).isEmpty();
        assertThat(Rights.refusalOnJob(Sender.UNRESTRICTED, "cancel", "j1", "bob")).isEmpty();
    }

    @Test
    void givenASenderWithoutALoginWhenActingOnAJobThenRefusedSayingALoginIsMissing() {
        assertThat(Rights.refusalOnJob(Sender.withoutLogin(), "cancel", "j1", "bob")).hasValueSatisfying(words ->
                assertThat(words).startsWith("a sender without a login may not cancel job j1 of bob (needs admin")
                        .contains("AMQP 1.0"));
    }

    @Test
    void givenAnActionNeedingARoleThenOnlyThoseWithItMay() {
        assertThat(Rights.refusal(OLGA, "render a dry run", UserRole.SUBMIT))
                .hasValue("olga may not render a dry run (needs submit)");
        assertThat(Rights.refusal(ALICE, "render a dry run", UserRole.SUBMIT)).isEmpty();
        assertThat(Rights.refusal(ROOT, "render a dry run", UserRole.SUBMIT)).isEmpty();
        assertThat(Rights.refusal(Sender.of("nobody", Set.of()), "ask", UserRole.OBSERVE))
                .hasValue("nobody may not ask (needs observe)");
    }
}
