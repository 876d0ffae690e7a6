package io.muster.store;

/** The databases the job store and the batch repository run on, and where their SQL differs. */
public enum Dialect {
    /** The embedded default (a file in the data directory), or an H2 server. */
    H2("CLOB"),
    /** A database several servers share. */
    POSTGRESQL("TEXT");

    /**
     * The PostgreSQL advisory lock servers take while they make tables: any number names one;
     * this one is "MUSTR" in ASCII.
     */
    static final long SCHEMA_LOCK = 0x4D55535452L;

    private final String longText;

    Dialect(String longText) {
        this.longText = longText;
    }

    /**
     * @throws IllegalArgumentException for a URL of another database: Muster ships no driver
     *                                  for it, and its SQL is untested there
     */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("is neither an H2 URL (jdbc:h2:...) nor a PostgreSQL one"
                + " (jdbc:postgresql://HOST:PORT/DATABASE), was '" + jdbcUrl + "'");
    }

    /** The column type of text without a length limit (a command, the options as JSON). */
    String longText() {
        return longText;
    }
}
