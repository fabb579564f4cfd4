package kr.ieum.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Building blocks for webhook verifiers: a new {@link Mac} per call (never shared), constant-time
 * comparison, explicit UTF-8. Verifiers fail closed: a missing secret or signature is a mismatch.
 */
public final class Signatures {
    private Signatures() {}

    /** HMAC of {@code data} with {@code secret} ({@code HmacSHA256}, {@code HmacSHA1}). */
    public static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC " + algorithm + " is not available", e);
        }
    }

    /** Constant-time comparison of two strings; false when either is null or empty. */
    public static boolean equal(String expected, String given) {
        if (expected == null || given == null || expected.isEmpty() || given.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** True when a secret is configured (not null, not blank). */
    public static boolean configured(String secret) {
        return secret != null && !secret.isBlank();
    }
}
