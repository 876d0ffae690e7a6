package io.muster.cli;

import io.muster.client.Muster;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the running server is, and who we are to it; flags override the environment. */
class ClientOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "broker URL of the running server (default: $MUSTER_URL or " + Muster.DEFAULT_URL + ")")
    String url;

    @Mixin
    LoginOptions login = new LoginOptions();

    String url() {
        if (url != null) {
            return url;
        }
        String env = System.getenv(Muster.URL_VARIABLE);
        return env == null || env.isBlank() ? Muster.DEFAULT_URL : env;
    }

    Muster connect() {
        return Muster.connect(url(), login.user(), login.password());
    }
}
