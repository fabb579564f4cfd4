package kr.ieum.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator itself: reproducible from its seed, varied, signing what it sends, and never mistaken for a leak. */
class EndpointsTest {
    private final List<Endpoints.Endpoint> endpoints = Endpoints.all(new FuzzSetup("http://127.0.0.1:1", "fuzzcamp", List.of("t1", "t2"), 1_764_493_200_000L));

    @Test
    void aRequestIsReproducedFromItsSeedAndIndex() {
        for (Endpoints.Endpoint e : endpoints) {
            for (int i = 0; i < 50; i++) {
                FuzzRequest a = e.request(7, i);
                FuzzRequest b = e.request(7, i);
                assertEquals(a.target(), b.target(), e.name());
                assertArrayEquals(a.body(), b.body(), e.name());
                assertEquals(a.note(), b.note(), e.name());
            }
        }
    }

    @Test
    void mostBodiesAreBentAndSomeStayValid() {
        for (Endpoints.Endpoint e : endpoints) {
            long valid = 0;
            long distinct = java.util.stream.IntStream.range(0, 300).mapToObj(i -> e.request(1, i))
                    .map(r -> r.target() + r.headers().stream().map(h -> h[0] + h[1]).toList() + new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.ISO_8859_1)).distinct().count();
            for (int i = 0; i < 300; i++) {
                if (e.request(1, i).note().isEmpty() || e.request(1, i).note().equals("valid")) {
                    valid++;
                }
            }
            assertTrue(distinct > 75, e.name() + ": " + distinct + " distinct requests of 300");
            assertTrue(valid > 5, e.name() + ": some requests stay valid");
        }
    }

    @Test
    void signsTheBytesItSends() {
        FuzzRequest line = endpoints.stream().filter(e -> e.name().equals("line")).findFirst().orElseThrow().request(3, 0);
        String expected = java.util.Base64.getEncoder().encodeToString(Endpoints.hmac("HmacSHA256", FuzzSetup.LINE_SECRET, line.body()));
        if (line.header("x-line-signature").equals(expected)) {
            return;
        }
        assertTrue(line.note().contains("unsigned"), line.describe());
    }

    @Test
    void twilioSignaturesFollowTwilioDocumentedAlgorithm() {
        // the README's example: the public URL, then every name and value sorted by name
        byte[] body = "To=%2B1&Body=hi+there&From=%2B2".getBytes(StandardCharsets.US_ASCII);
        String data = "https://x.example/webhooks/twilioBodyhi thereFrom+2To+1";
        String expected = java.util.Base64.getEncoder().encodeToString(Endpoints.hmac("HmacSHA1", FuzzSetup.TWILIO_TOKEN,
                data.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, Endpoints.twilioSignature("https://x.example/webhooks/twilio", body));
    }

    @Test
    void theFuzzersOwnWordsAreNeverTakenForALeak() {
        assertTrue(Leaks.inputIsClean());
        assertNull(Leaks.find("<p>thẻ cư trú di động</p>".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(Leaks.find("{\"error\":\"org.postgresql.util.PSQLException: ERROR: x\"}".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(Leaks.find("{\"message\":\"Failed to convert argument [request]\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
