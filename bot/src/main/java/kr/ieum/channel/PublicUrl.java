package kr.ieum.channel;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The address residents and providers reach this service at ({@code IEUM_PUBLIC_URL}). Webhook signatures
 * are checked against it, never against the request's Host header, and answer-page links are built from it.
 */
@Singleton
public class PublicUrl {
    private final String configured;
    private final BeanProvider<EmbeddedServer> server;

    /** {@code base} empty: this machine's own address (http://localhost:&lt;the port it listens on&gt;), for trying Ieum out. */
    PublicUrl(@Value("${ieum.public-url:}") String base, BeanProvider<EmbeddedServer> server) {
        this.configured = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.server = server;
    }

    /** A fixed address (commands and unit tests, where no server runs). */
    public static PublicUrl fixed(String base) {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("a fixed public URL needs an address");
        }
        return new PublicUrl(base, null);
    }

    /** The absolute URL of {@code path} (which starts with /). */
    public String of(String path) {
        return base() + path;
    }

    private String base() {
        if (!configured.isBlank()) {
            return configured;
        }
        if (server.isPresent() && server.get().isRunning()) {
            String url = server.get().getURL().toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        return "http://localhost:8080";
    }

    /** The light answer page of a topic in a language: {@code /a/{topic}?lang=xx}. */
    public String answerPage(String topic, String language) {
        return of("/a/" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "?lang="
                + URLEncoder.encode(language, StandardCharsets.UTF_8));
    }
}
