package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionException;
import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseAwayTest {
    @Test
    void tellsTheDatabaseGoneFromAFailingStatement() {
        // the pool could not open a connection (the server is stopped: connection refused)
        assertTrue(DatabaseAway.causes(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));
        assertTrue(DatabaseAway.causes(new ConnectionException("Failed to open connection")));
        // the connection in use was cut mid-statement (08006) or at commit
        assertTrue(DatabaseAway.causes(new DataAccessException("Error executing SQL UPDATE",
                new SQLException("An I/O error occurred while sending to the backend.", "08006", new EOFException()))));
        assertTrue(DatabaseAway.causes(new TransactionException("Commit failed", new SQLException("closed", "08003"))));
        // the server is shutting down (57P01) or still starting up (57P03)
        assertTrue(DatabaseAway.causes(new DataAccessException("x", new SQLException("terminating connection", "57P01"))));
        assertTrue(DatabaseAway.causes(new DataAccessException("x", new SQLException("starting up", "57P03"))));

        // the work itself failed: a constraint, a syntax error, a bug
        assertFalse(DatabaseAway.causes(new DataAccessException("x", new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseAway.causes(new DataAccessException("x", new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseAway.causes(new DataAccessException("no state", new SQLException("no state"))));
        assertFalse(DatabaseAway.causes(new IllegalStateException("a bug")));
    }
}
