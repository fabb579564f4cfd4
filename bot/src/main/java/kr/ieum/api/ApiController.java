package kr.ieum.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import kr.ieum.conversation.ConversationEngine;
import kr.ieum.conversation.InboundMessage;
import kr.ieum.language.LanguageDetector;

/** The channel for programs and tests: {@code from} identifies the contact on channel {@code api}. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiController {
    private static final int MAX_DETECT_CHARS = 2000;
    private final ConversationEngine engine;
    private final LanguageDetector detector;

    ApiController(ConversationEngine engine, LanguageDetector detector) {
        this.engine = engine;
        this.detector = detector;
    }

    @Post("/messages")
    MessageResponse message(@Body @Valid MessageRequest request) {
        return MessageResponse.of(engine.handle(new InboundMessage("api", request.from(), request.text(), request.locale())));
    }

    @Post("/language")
    LanguageResponse language(@Body @Valid LanguageRequest request) {
        String text = request.text().length() > MAX_DETECT_CHARS ? request.text().substring(0, MAX_DETECT_CHARS) : request.text();
        return LanguageResponse.of(detector.detect(text));
    }
}
