package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.config.BrokerUsers;
import io.muster.config.UserRole;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Login login = new Login(new BrokerUsers(Path.of("users"), Map.of("alice", "correct-horse"),
            Map.of("alice", Set.of(UserRole.SUBMIT))), now::get);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Regression (black-box probe): 100 wrong passwords in a second were each answered at once with a plain 401. */
    @Test
    void aNameThatFailedTenTimesInAMinuteFromAnAddressWaitsOutTheMinuteThere() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        InetAddress other = InetAddress.getByName("192.0.2.8");
        for (int i = 0; i < Login.MAX_FAILURES; i++) {
            assertThat(login.waitSeconds(basic("alice", "guess" + i), guesser)).isZero();
            assertThat(login.sender(basic("alice", "guess" + i), guesser)).isEmpty();
            now.addAndGet(1000);
        }

        assertThat(login.waitSeconds(basic("alice", "correct-horse"), guesser)).isEqualTo(50);
        assertThat(login.waitSeconds(basic("bob", "x"), guesser)).isZero();
        assertThat(login.waitSeconds(basic("alice", "correct-horse"), other)).isZero();
        assertThat(login.sender(basic("alice", "correct-horse"), other)).isPresent();
        now.addAndGet(50_000);
        assertThat(login.waitSeconds(basic("alice", "correct-horse"), guesser)).isZero();
        assertThat(login.sender(basic("alice", "correct-horse"), guesser)).isPresent();
    }

    @Test
    void aRightLoginForgetsTheFailuresBeforeIt() throws Exception {
        InetAddress from = InetAddress.getByName("192.0.2.9");
        for (int i = 0; i < Login.MAX_FAILURES - 1; i++) {
            login.sender(basic("alice", "typo"), from);
        }
        login.sender(basic("alice", "correct-horse"), from);
        login.sender(basic("alice", "typo"), from);

        assertThat(login.waitSeconds(basic("alice", "typo"), from)).isZero();
    }

    @Test
    void failuresUnderManyNamesWithinOneMinuteStayWithinTheBound() throws Exception {
        InetAddress from = InetAddress.getByName("192.0.2.10");
        for (int i = 0; i < Login.MAX_ADDRESSES + 500; i++) {
            login.sender(basic("name" + i, "x"), from);
        }

        assertThat(login.remembered()).isLessThanOrEqualTo(Login.MAX_ADDRESSES);
    }
}
