package kr.ieum.platform;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects residents' addresses (phone numbers, chat ids, e-mail addresses): AES-256-GCM for storage and
 * an HMAC-SHA256 keyed hash for look-ups. Both keys are derived from the master key, so the hash cannot be
 * reversed by trying all phone numbers without it.
 */
@Singleton
public final class AddressCipher {
    private static final int IV_BYTES = 12;
    private final byte[] encryptionKey;
    private final byte[] hashKey;
    private final SecureRandom random = new SecureRandom();

    public AddressCipher(@Value("${ieum.master-key}") String masterKeyBase64) {
        byte[] master = Base64.getDecoder().decode(masterKeyBase64);
        if (master.length < 32) {
            throw new IllegalStateException("IEUM_MASTER_KEY must be at least 32 bytes, base64-encoded");
        }
        this.encryptionKey = hmac(master, "ieum address encryption");
        this.hashKey = hmac(master, "ieum address lookup");
    }

    /** Keyed hash of {@code channel} + {@code address}, hex. */
    public String hash(String channel, String address) {
        return HexFormat.of().formatHex(hmac(hashKey, channel + '\u0000' + address));
    }

    public byte[] encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored == null || stored.length < IV_BYTES + 16) {
            throw new IllegalStateException("stored value is too short to be an encrypted one");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | java.security.ProviderException e) {
            throw new IllegalStateException("stored address cannot be decrypted with this master key", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
