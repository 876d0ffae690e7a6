package io.muster.messaging;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Closing the broker connections of Muster's listeners and publisher on the way down. */
final class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());

    private Connections() {
    }

    /** Closes {@code connection} if there is one; a failure only matters to the log, since we are stopping. */
    static void closeQuietly(Connection connection, String what) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.log(Level.FINE, "closing the " + what + " connection", e);
        }
    }
}
