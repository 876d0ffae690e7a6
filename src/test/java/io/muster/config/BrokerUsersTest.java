package io.muster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's users file: name[:roles] = password lines, every bad line named by file and line. */
class BrokerUsersTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path file = dir.resolve("broker-users");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void readsNamesAndPasswordsSkippingCommentsAndBlankLines() throws IOException {
        Path file = file("# the lab", "", "alice = secret", "  bob=pa ss=#word  ", "   # ann left", "carol.x@lab = c");

        BrokerUsers users = BrokerUsers.read(file);

        assertThat(users.passwords()).containsExactly(Map.entry("alice", "secret"), Map.entry("bob", "pa ss=#word"),
                Map.entry("carol.x@lab", "c"));
        assertThat(users.file()).isEqualTo(file);
    }

    @Test
    void givesALineWithoutRolesTheSubmitRoleAsBefore() throws IOException {
        BrokerUsers users = BrokerUsers.read(file("alice = secret"));

        assertThat(users.roles("alice")).containsExactlyInAnyOrder(UserRole.SUBMIT, UserRole.OBSERVE);
    }

    @Test
    void readsRolesOnTheNameSideAndAddsTheRolesTheyInclude() throws IOException {
        Path file = file("olga:observe = o", "root : admin = r", "sam:observe, submit = s:t=u", "ann:submit,admin = a");

        BrokerUsers users = BrokerUsers.read(file);

        assertThat(users.roles("olga")).containsExactly(UserRole.OBSERVE);
        assertThat(users.roles("root")).containsExactlyInAnyOrder(UserRole.OBSERVE, UserRole.SUBMIT, UserRole.ADMIN);
        assertThat(users.roles("sam")).containsExactlyInAnyOrder(UserRole.OBSERVE, UserRole.SUBMIT);
        assertThat(users.roles("ann")).containsExactlyInAnyOrder(UserRole.OBSERVE, UserRole.SUBMIT, UserRole.ADMIN);
        assertThat(users.roles("nobody")).isEmpty();
    }

    @Test
    void keepsColonsAndEqualsSignsInPasswordsAsTheyAre() throws IOException {
        BrokerUsers users = BrokerUsers.read(file("alice = pw : admin", "bob = a:b=c"));

        assertThat(users.passwords()).containsExactly(Map.entry("alice", "pw : admin"), Map.entry("bob", "a:b=c"));
        assertThat(users.roles("alice")).isEqualTo(Set.of(UserRole.SUBMIT, UserRole.OBSERVE));
    }

    @Test
    void namesTheLineOfAnUnknownRoleAndTheKnownOnes() throws IOException {
        Path file = file("alice = a", "bob:submit,owner = b");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: unknown role 'owner' for user 'bob': the roles are submit, observe, admin");
    }

    @Test
    void namesTheLineOfAColonWithoutRolesOrAnEmptyRole() throws IOException {
        Path noRoles = file("bob: = b");
        assertThatThrownBy(() -> BrokerUsers.read(noRoles)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(noRoles + ":1: user 'bob' has ':' but no roles after it");

        Path emptyRole = file("bob:submit,,admin = b");
        assertThatThrownBy(() -> BrokerUsers.read(emptyRole)).isInstanceOf(ConfigException.class)
                .hasMessage(emptyRole + ":1: an empty role for user 'bob': the roles are submit, observe, admin");
    }

    @Test
    void namesTheLineOfRolesWithoutAName() throws IOException {
        Path file = file(":admin = x");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: the user name before ':' is empty");
    }

    @Test
    void refusesRolesForMustersOwnLogin() throws IOException {
        Path file = file("muster-server:admin = guess");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: user name 'muster-server' is Muster's own login; choose another");
    }

    @Test
    void showsNoPasswordWhenPrinted() throws IOException {
        BrokerUsers users = BrokerUsers.read(file("alice:admin = secret"));

        assertThat(users.toString()).contains("alice").contains("admin").doesNotContain("secret");
    }

    @Test
    void namesTheLineWithoutAnEqualsSign() throws IOException {
        Path file = file("alice = secret", "bob secret");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: expected 'name = password', found no '='");
    }

    @Test
    void namesTheLineWithAnEmptyName() throws IOException {
        Path file = file("# users", " = secret");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: the user name before '=' is empty");
    }

    @Test
    void namesTheLineWithAnEmptyPassword() throws IOException {
        Path file = file("alice =   ");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: user 'alice' has an empty password");
    }

    @Test
    void namesTheLineWithANameThatIsNotASimpleToken() throws IOException {
        for (String name : new String[] {"ali ce", "'alice'", "ali*", "a#b", "-alice", "a".repeat(65)}) {
            Path file = file("bob = x", name + " = secret");

            assertThatThrownBy(() -> BrokerUsers.read(file)).as(name).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(file + ":2: user name '" + name + "' is not a simple token");
        }
    }

    @Test
    void namesBothLinesOfAUserListedTwice() throws IOException {
        Path file = file("alice = secret", "bob = b", "alice = other");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: user 'alice' is listed twice (first on line 1)");
    }

    @Test
    void refusesMustersOwnLogin() throws IOException {
        Path file = file("muster-server = guess");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: user name 'muster-server' is Muster's own login; choose another");
    }

    @Test
    void refusesAFileWithoutUsers() throws IOException {
        Path file = file("# nobody yet", "");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": lists no users (write name = password lines, or unset broker.users to run"
                        + " without users)");
    }

    @Test
    void namesTheSettingOfAMissingFile() {
        Path file = dir.resolve("absent");

        assertThatThrownBy(() -> BrokerUsers.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": no such file").hasMessageContaining("broker.users");
    }

    @Test
    void warnsWhenOthersMayReadThePasswords() throws IOException {
        Path file = file("alice = secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(BrokerUsers.read(file).exposure()).hasValueSatisfying(warning -> assertThat(warning)
                .contains(file.toString()).contains("rw-r--r--").contains("chmod 600"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(BrokerUsers.read(file).exposure()).isEmpty();
    }
}
