package io.muster.cli;

import io.muster.client.Muster;
import io.muster.config.MusterConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the running server is, and who we are to it; flags override the environment. Every
 * command takes these the same way: {@code --url} (and the login) after the command's name or
 * after a parent's ({@code muster flow --url U start f.xml} as {@code muster flow start --url U
 * f.xml}); without it {@code $MUSTER_URL}, else {@code tcp://127.0.0.1:$MUSTER_BROKER_PORT}, else
 * {@value Muster#DEFAULT_URL}.
 */
class ClientOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "broker URL of the running server (default: $MUSTER_URL, else tcp://127.0.0.1:"
                    + "$MUSTER_BROKER_PORT, else " + Muster.DEFAULT_URL + ")")
    String url;

    @Mixin
    LoginOptions login = new LoginOptions();

    /** The command this is mixed into, to find a parent command's --url. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    String url() {
        for (ClientOptions o = this; o != null; o = o.parent()) {
            if (o.url != null) {
                return o.url;
            }
        }
        return defaultUrl();
    }

    /** $MUSTER_URL, else the broker port of this machine's settings, else the default. */
    static String defaultUrl() {
        String env = System.getenv(Muster.URL_VARIABLE);
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        String port = System.getenv("MUSTER_BROKER_PORT");
        return port == null || port.isBlank() ? Muster.DEFAULT_URL
                : "tcp://" + MusterConfig.DEFAULT_BROKER_HOST + ":" + port.strip();
    }

    String user() {
        for (ClientOptions o = this; o != null; o = o.parent()) {
            if (o.login.user != null) {
                return o.login.user;
            }
        }
        return login.user();
    }

    String password() {
        for (ClientOptions o = this; o != null; o = o.parent()) {
            if (o.login.password != null) {
                return o.login.password;
            }
        }
        return login.password();
    }

    /** The client options of the nearest parent command that has them, or null. */
    private ClientOptions parent() {
        for (CommandSpec p = mixee == null ? null : mixee.parent(); p != null; p = p.parent()) {
            for (CommandSpec mixin : p.mixins().values()) {
                if (mixin.userObject() instanceof ClientOptions o) {
                    return o;
                }
            }
        }
        return null;
    }

    Muster connect() {
        String url = url();
        if (url.isBlank() && mixee != null) {
            // a usage error, not a missing server
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "--url is empty: give the broker URL"
                    + " of the running server, such as " + Muster.DEFAULT_URL);
        }
        try {
            return Muster.connect(url, user(), password());
        } catch (IllegalArgumentException e) {
            if (mixee == null) {
                throw e;
            }
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "--url " + e.getMessage());
        }
    }
}
