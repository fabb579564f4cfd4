package kr.ieum.platform;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;

/**
 * Tells a failure of the database itself (stopped, restarting, unreachable: no connection could be had, or the one in use
 * was cut) from a failure of the work (a bad statement, a bug). Background work uses it to wait for the database instead
 * of counting the failure against a message, and to log one line instead of a stack trace per attempt.
 */
public final class DatabaseAway {
    private DatabaseAway() {}

    /** Whether {@code failure} or one of its causes says the database could not be reached or went away. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof ConnectionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // 08: connection exception (refused, broken, closed); 57P: the server is shutting down or starting up
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Logs a failure of background work that is taken up again later (a poll, a turn after the webhook's ack): one line
     * when the database is away, as it will be for every attempt until it is back; else the error with its trace.
     */
    public static void log(Logger log, String what, RuntimeException failure) {
        if (causes(failure)) {
            log.warn("{}: the database is away ({}); taken up again later", what, failure.getClass().getSimpleName());
        } else {
            log.error("{} failed", what, failure);
        }
    }
}
