package io.muster.cli;

import picocli.CommandLine.Option;

/**
 * Who we are to the broker: needed when the server has {@code broker.users}, where the login
 * becomes the user of every job submitted. Flags override the environment.
 */
class LoginOptions {

    static final String USER_VARIABLE = "MUSTER_USER";
    static final String PASSWORD_VARIABLE = "MUSTER_PASSWORD";
    /** Added to a refusal when no user was given: how to give one. */
    static final String HINT = "; give --broker-user and --broker-password (or $" + USER_VARIABLE + " and $"
            + PASSWORD_VARIABLE + ")";

    @Option(names = "--broker-user", paramLabel = "USER",
            description = "broker user, if the broker wants one ($" + USER_VARIABLE + ")")
    String user;

    @Option(names = "--broker-password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "broker password ($" + PASSWORD_VARIABLE + "); asked for if given without a value")
    String password;

    /** {@code --broker-user}, else {@code $MUSTER_USER}, else null (connect without a login). */
    String user() {
        if (user != null) {
            return user;
        }
        String env = System.getenv(USER_VARIABLE);
        return env == null || env.isBlank() ? null : env;
    }

    /** {@code --broker-password}, else {@code $MUSTER_PASSWORD}, else null. */
    String password() {
        return password != null ? password : System.getenv(PASSWORD_VARIABLE);
    }
}
