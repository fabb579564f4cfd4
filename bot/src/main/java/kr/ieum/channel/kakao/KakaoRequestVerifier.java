package kr.ieum.channel.kakao;

import java.net.InetAddress;
import java.util.List;
import kr.ieum.channel.Signatures;

/**
 * Decides whether a skill request comes from our Kakao bot. Kakao sends no body signature, so the proof is a
 * shared secret header ({@code X-Ieum-Kakao-Secret}, compared in constant time) plus, when configured, the
 * source address. A missing secret configuration refuses everything (fail closed).
 */
final class KakaoRequestVerifier {
    static final String HEADER = "X-Ieum-Kakao-Secret";

    /** The outcome; only {@link #ACCEPTED} may touch anything. */
    enum Verdict { ACCEPTED, NOT_CONFIGURED, ADDRESS_REFUSED, BAD_SECRET }

    private final String secret;
    private final List<Cidr> allowed;

    KakaoRequestVerifier(String secret, String allowedCidrs) {
        this.secret = secret;
        this.allowed = List.copyOf(Cidr.parseList(allowedCidrs));
    }

    Verdict check(String header, InetAddress remote) {
        if (!Signatures.configured(secret)) {
            return Verdict.NOT_CONFIGURED;
        }
        if (!allowed.isEmpty() && (remote == null || allowed.stream().noneMatch(c -> c.contains(remote)))) {
            return Verdict.ADDRESS_REFUSED;
        }
        return Signatures.equal(secret.strip(), header) ? Verdict.ACCEPTED : Verdict.BAD_SECRET;
    }
}
