package kr.ieum.console;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashing with Argon2id (Spring Security's encoder on Bouncy Castle), stored as a PHC string that carries
 * its own salt and parameters, so the cost can be raised later without breaking old hashes.
 */
public final class Passwords {
    /** 16-byte salt, 32-byte hash, 1 lane, 19 MiB, 2 passes: OWASP's first Argon2id recommendation. */
    private static final Argon2PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** Verified against when a username does not exist, so that a wrong name takes as long as a wrong password. */
    private static final String DUMMY = ENCODER.encode("not a password of anyone");
    public static final int MIN_LENGTH = 12;

    private Passwords() {}

    public static String hash(String password) {
        return ENCODER.encode(password);
    }

    public static boolean matches(String password, String hash) {
        // half a surrogate pair cannot be encoded, so it is no one's password (a browser never sends one; JSON can)
        if (password == null || !StandardCharsets.UTF_8.newEncoder().canEncode(password)) {
            return false;
        }
        return ENCODER.matches(password, hash == null ? DUMMY : hash);
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String weakness(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "at least " + MIN_LENGTH + " characters";
        }
        if (password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
            return "must not contain the username";
        }
        return null;
    }
}
