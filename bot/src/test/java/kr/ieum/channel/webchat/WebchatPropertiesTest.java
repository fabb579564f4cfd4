package kr.ieum.channel.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Origins as configured in {@code IEUM_WEBCHAT_ORIGINS}; the binding itself is checked in {@link WebchatApiIT}. */
class WebchatPropertiesTest {

    private static WebchatProperties with(List<String> origins) {
        return new WebchatProperties(true, origins, 20, 8, 30, Duration.ofDays(30), 4000, Duration.ofSeconds(25));
    }

    @Test
    void normalisesOriginsAndDropsMalformedOnes() {
        WebchatProperties p = with(List.of("https://www.moj.go.kr, HTTPS://Partner.Example.org:443/", " not a url",
                "http://x.example:8080", "ftp://files.example", "*", "null"));
        assertEquals(Set.of("https://www.moj.go.kr", "https://partner.example.org", "http://x.example:8080"), p.allowedOrigins());
    }

    @Test
    void noOriginsConfiguredMeansOnlyTheServiceItself() {
        assertEquals(Set.of(), with(null).allowedOrigins());
        assertEquals(Set.of(), with(List.of("")).allowedOrigins());
        assertEquals(Optional.of("http://localhost:8080"), WebchatProperties.normalise("http://LOCALHOST:8080/chat?x=1"));
    }
}
