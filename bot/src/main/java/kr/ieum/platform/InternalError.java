package kr.ieum.platform;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any failure no more specific handler knows: 500 with a reference the operator finds in the log, never the
 * exception's message (which may hold SQL, paths or a resident's text). Micronaut's own handlers for bad requests
 * (400, 404, 413, 415 ...) are more specific and still answer those.
 */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
class InternalError implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(InternalError.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("request {} {} failed (reference {})", request.getMethodName(), request.getPath(), reference, exception);
        return HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", "internal error", "reference", reference));
    }
}
