package kr.ieum.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import kr.ieum.conversation.ConversationEngine;
import kr.ieum.conversation.InboundMessage;
import kr.ieum.language.LanguageDetector;

/**
 * The channel for programs and tests: {@code from} identifies the contact on channel {@code api}. Needs an API key
 * ({@link ApiGuard}), or a request from this machine while no key exists.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiController {
    private static final int MAX_DETECT_CHARS = 2000;
    private final ConversationEngine engine;
    private final LanguageDetector detector;
    private final ApiGuard guard;

    private final kr.ieum.faq.FaqService faq;

    ApiController(ConversationEngine engine, LanguageDetector detector, ApiGuard guard, kr.ieum.faq.FaqService faq) {
        this.faq = faq;
        this.engine = engine;
        this.detector = detector;
        this.guard = guard;
    }

    @Post("/messages")
    HttpResponse<?> message(HttpRequest<?> http, @Body @Valid MessageRequest request) {
        return guard.refuse(http, "messages").orElseGet(() -> HttpResponse.ok(
                MessageResponse.of(engine.handle(new InboundMessage("api", request.from(), request.text(), request.locale())), faq::family)));
    }

    @Post("/language")
    HttpResponse<?> language(HttpRequest<?> http, @Body @Valid LanguageRequest request) {
        return guard.refuse(http, "language").orElseGet(() -> {
            String text = request.text().length() > MAX_DETECT_CHARS ? request.text().substring(0, MAX_DETECT_CHARS) : request.text();
            return HttpResponse.ok(LanguageResponse.of(detector.detect(text)));
        });
    }
}
