package kr.ieum.channel.line;

import java.util.Base64;
import kr.ieum.channel.Signatures;

/** Signs test bodies the way LINE does (independently of {@link LineSignatureVerifier}'s code path). */
final class LineSignatures {
    private LineSignatures() {}

    static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA256", secret, body));
    }
}
