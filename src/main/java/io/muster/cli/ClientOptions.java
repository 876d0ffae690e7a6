package io.muster.cli;

import io.muster.client.Muster;
import picocli.CommandLine.Option;

/** Where the running server is, and who we are to it; flags override the environment. */
class ClientOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "broker URL of the running server (default: $MUSTER_URL or " + Muster.DEFAULT_URL + ")")
    String url;

    @Option(names = "--broker-user", paramLabel = "USER",
            description = "broker user, if the broker wants one ($MUSTER_USER)")
    String user;

    @Option(names = "--broker-password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "broker password ($MUSTER_PASSWORD); asked for if given without a value")
    String password;

    String url() {
        if (url != null) {
            return url;
        }
        String env = System.getenv(Muster.URL_VARIABLE);
        return env == null || env.isBlank() ? Muster.DEFAULT_URL : env;
    }

    Muster connect() {
        String who = user != null ? user : System.getenv("MUSTER_USER");
        String secret = password != null ? password : System.getenv("MUSTER_PASSWORD");
        return Muster.connect(url(), who, secret);
    }
}
