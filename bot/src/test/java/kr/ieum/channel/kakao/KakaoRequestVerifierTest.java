package kr.ieum.channel.kakao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import kr.ieum.channel.kakao.KakaoRequestVerifier.Verdict;
import org.junit.jupiter.api.Test;

class KakaoRequestVerifierTest {

    @Test
    void acceptsOnlyTheConfiguredSecret() throws Exception {
        KakaoRequestVerifier verifier = new KakaoRequestVerifier("s3cret-value", null);
        assertEquals(Verdict.ACCEPTED, verifier.check("s3cret-value", ip("198.51.100.7")));
        assertEquals(Verdict.BAD_SECRET, verifier.check("s3cret-valuE", ip("198.51.100.7")));
        assertEquals(Verdict.BAD_SECRET, verifier.check("s3cret", ip("198.51.100.7")));
        assertEquals(Verdict.BAD_SECRET, verifier.check("", ip("198.51.100.7")));
        assertEquals(Verdict.BAD_SECRET, verifier.check(null, ip("198.51.100.7")));
    }

    @Test
    void failsClosedWithoutASecret() throws Exception {
        assertEquals(Verdict.NOT_CONFIGURED, new KakaoRequestVerifier(null, null).check("anything", ip("127.0.0.1")));
        assertEquals(Verdict.NOT_CONFIGURED, new KakaoRequestVerifier(" ", null).check(" ", ip("127.0.0.1")));
    }

    @Test
    void enforcesTheAllowListWhenConfigured() throws Exception {
        KakaoRequestVerifier verifier = new KakaoRequestVerifier("k", "203.0.113.0/24, 2001:db8::/32");
        assertEquals(Verdict.ACCEPTED, verifier.check("k", ip("203.0.113.200")));
        assertEquals(Verdict.ACCEPTED, verifier.check("k", ip("2001:db8:1::5")));
        assertEquals(Verdict.ADDRESS_REFUSED, verifier.check("k", ip("203.0.114.1")));
        assertEquals(Verdict.ADDRESS_REFUSED, verifier.check("k", ip("127.0.0.1")));
        assertEquals(Verdict.ADDRESS_REFUSED, verifier.check("k", null));
        assertEquals(Verdict.ADDRESS_REFUSED, verifier.check("wrong", ip("127.0.0.1")), "address is checked first");
    }

    @Test
    void parsesCidrsStrictly() throws Exception {
        assertTrue(Cidr.parse("10.1.2.3").contains(ip("10.1.2.3")));
        assertFalse(Cidr.parse("10.1.2.3").contains(ip("10.1.2.4")));
        assertTrue(Cidr.parse("10.0.0.0/9").contains(ip("10.127.255.255")));
        assertFalse(Cidr.parse("10.0.0.0/9").contains(ip("10.128.0.0")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
        assertFalse(Cidr.parse("::1/128").contains(ip("127.0.0.1")), "families do not mix");
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("kakao.com/24"), "no DNS names");
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> new KakaoRequestVerifier("k", "10.0.0.0/8,bogus"));
    }

    @Test
    void callbackUrlsMustPointToKakao() {
        CallbackHosts hosts = new CallbackHosts("kakao.com");
        assertTrue(hosts.allows("https://bot-api.kakao.com/callback/v1.0/abc?token=x"));
        assertFalse(hosts.allows("https://kakao.com.evil.example/callback"));
        assertFalse(hosts.allows("https://evilkakao.com/callback"));
        assertFalse(hosts.allows("https://user@bot-api.kakao.com/callback"));
        assertFalse(hosts.allows("file:///etc/passwd"));
        assertFalse(hosts.allows(null));
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
