package kr.ieum.channel;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The address residents and providers reach this service at ({@code IEUM_PUBLIC_URL}). Webhook signatures
 * are checked against it, never against the request's Host header, and answer-page links are built from it.
 */
@Singleton
public class PublicUrl {
    private final String base;

    PublicUrl(@Value("${ieum.public-url}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The absolute URL of {@code path} (which starts with /). */
    public String of(String path) {
        return base + path;
    }

    /** The light answer page of a topic in a language: {@code /a/{topic}?lang=xx}. */
    public String answerPage(String topic, String language) {
        return of("/a/" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "?lang="
                + URLEncoder.encode(language, StandardCharsets.UTF_8));
    }
}
