package kr.ieum.platform;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database is down or failing: every request, webhooks first, answers 503 with {@code Retry-After}, so that a
 * provider retries later and nothing is acknowledged that was not stored. The body never carries the exception's
 * message (SQL text, table names).
 */
final class ServiceUnavailable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceUnavailable.class);
    static final String RETRY_AFTER_SECONDS = "30";

    private ServiceUnavailable() {}

    /** An outage answers every request 503: the log says so once per window, with how many more it answered. */
    static final Duration LOG_WINDOW = Duration.ofSeconds(30);
    private static final OncePerWindow LOG_LIMIT = new OncePerWindow(LOG_WINDOW);

    static HttpResponse<?> response(HttpRequest<?> request, RuntimeException e) {
        OptionalInt more = LOG_LIMIT.next();
        if (more.isPresent()) {
            LOG.error("database unavailable while serving {} {}: {}{}", request.getMethodName(), request.getPath(),
                    e.getClass().getName(), OncePerWindow.andMore(more.getAsInt(), "requests answered 503"));
        }
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", "temporarily unavailable, please retry"));
    }

    /** Data access failed (no connection, a failing statement). */
    @Produces
    @Singleton
    @Requires(classes = {DataAccessException.class, ExceptionHandler.class})
    static class DataAccess implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
            return response(request, exception);
        }
    }

    /** A transaction could not be begun or committed (no connection from the pool). */
    @Produces
    @Singleton
    @Requires(classes = {TransactionException.class, ExceptionHandler.class})
    static class Transaction implements ExceptionHandler<TransactionException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, TransactionException exception) {
            return response(request, exception);
        }
    }

    /**
     * The pool had no connection and could not open one (the database refuses new connections): thrown by Micronaut
     * Data's JDBC connection operations, outside both hierarchies above.
     */
    @Produces
    @Singleton
    @Requires(classes = {CannotGetJdbcConnectionException.class, ExceptionHandler.class})
    static class NoJdbcConnection implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
            return response(request, exception);
        }
    }

    /** No connection could be had or set up. */
    @Produces
    @Singleton
    @Requires(classes = {ConnectionException.class, ExceptionHandler.class})
    static class Connection implements ExceptionHandler<ConnectionException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ConnectionException exception) {
            return response(request, exception);
        }
    }
}
