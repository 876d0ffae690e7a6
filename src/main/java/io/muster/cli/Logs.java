package io.muster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Loads {@code server-config/logging.properties}; {@code quiet} keeps only warnings (for {@code run}). */
public final class Logs {

    private Logs() {
    }

    public static void configure(boolean quiet) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Logs.class.getClassLoader().getResourceAsStream("server-config/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("muster: cannot read logging.properties: " + e.getMessage());
        }
        if (quiet) {
            Logger.getLogger("").setLevel(Level.WARNING);
        }
    }
}
