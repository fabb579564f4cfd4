package kr.ieum.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import kr.ieum.language.LanguageGuess;

/** {@code POST /api/v1/language} answer; {@code language} is null for a text without letters. */
@Serdeable
public record LanguageResponse(String language, double confidence, List<Candidate> candidates) {

    @Serdeable
    public record Candidate(String language, double confidence) {}

    static LanguageResponse of(LanguageGuess g) {
        return new LanguageResponse(g.tag(), g.confidence(),
                g.candidates().stream().map(c -> new Candidate(c.tag(), c.confidence())).toList());
    }
}
