package kr.ieum.channel.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another master key, 32 bytes...!".getBytes());
    private static final WebchatProperties PROPS = new WebchatProperties(true, List.of(), 20, 8, 30, Duration.ofDays(30), 4000,
            Duration.ofSeconds(25));
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static SessionTokens at(String key, Instant now) {
        return new SessionTokens(key, PROPS, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenItIssuedVerifiesWithItsSessionAndLanguage() {
        SessionTokens tokens = at(KEY, NOW);
        String token = tokens.issue("zh-Hant");
        SessionTokens.Session s = tokens.verify(token).orElseThrow();
        assertEquals("zh-Hant", s.language());
        assertEquals(22, s.id().length());
        assertNotEquals(s.id(), tokens.verify(tokens.issue("zh-Hant")).orElseThrow().id(), "every session is new");
    }

    @Test
    void refusesTamperedForeignExpiredAndMalformedTokens() {
        SessionTokens tokens = at(KEY, NOW);
        String token = tokens.issue("vi");
        String[] p = token.split("\\.");
        assertTrue(tokens.verify(p[0] + ".ru." + p[2] + "." + p[3]).isEmpty(), "language changed");
        assertTrue(tokens.verify(p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 1) + "." + p[3]).isEmpty(), "time changed");
        assertTrue(at(OTHER_KEY, NOW).verify(token).isEmpty(), "signed with another master key");
        assertTrue(at(KEY, NOW.plus(Duration.ofDays(31))).verify(token).isEmpty(), "expired");
        assertTrue(at(KEY, NOW.minus(Duration.ofHours(1))).verify(token).isEmpty(), "issued in the future");
        for (String bad : new String[] {null, "", "a.b.c", "....", token + ".x", "x".repeat(500), p[0] + ".v i." + p[2] + "." + p[3]}) {
            assertTrue(tokens.verify(bad).isEmpty(), String.valueOf(bad));
        }
        assertTrue(at(KEY, NOW.plus(Duration.ofDays(29))).verify(token).isPresent(), "still valid within the TTL");
    }
}
