package kr.ieum.platform;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body or parameter that cannot be read (broken JSON, a value of the wrong type, a form with a broken escape): 400
 * with the same short answer for all, never the parser's words, which name our classes and may quote what was sent.
 * Micronaut's own handlers for these answer with the exception's message; these replace them. The form decoder's
 * failure, which Micronaut leaves to the 500 of {@link InternalError}, is the client's mistake too.
 */
final class MalformedRequest {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequest.class);

    private MalformedRequest() {}

    static HttpResponse<?> response(HttpRequest<?> request, Exception e) {
        LOG.debug("unreadable request {} {}: {}", request.getMethodName(), request.getPath(), e.getClass().getName());
        return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", "malformed request"));
    }

    /** Not JSON. */
    @Produces
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    @Requires(classes = ExceptionHandler.class)
    static class Json implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
            return response(request, exception);
        }
    }

    /** Not JSON, as Jackson found. */
    @Produces
    @Singleton
    @Replaces(JacksonExceptionHandler.class)
    @Requires(classes = {com.fasterxml.jackson.core.JsonProcessingException.class, ExceptionHandler.class})
    static class Jackson implements ExceptionHandler<com.fasterxml.jackson.core.JsonProcessingException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, com.fasterxml.jackson.core.JsonProcessingException exception) {
            return response(request, exception);
        }
    }

    /** JSON (or a parameter) whose values do not fit the type the route takes. */
    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    @Requires(classes = ExceptionHandler.class)
    static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
            return response(request, exception);
        }
    }

    /** A form body with an escape that is not one ({@code %}, {@code %G1}, {@code %2}). */
    @Produces
    @Singleton
    @Requires(classes = {HttpPostRequestDecoder.ErrorDataDecoderException.class, ExceptionHandler.class})
    static class Form implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException exception) {
            return response(request, exception);
        }
    }
}
