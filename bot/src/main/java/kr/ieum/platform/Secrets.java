package kr.ieum.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key that protects residents' addresses: {@code IEUM_MASTER_KEY} (32 bytes, base64) from the
 * environment; in embedded mode a key generated once into the data folder, with a warning.
 */
public final class Secrets {
    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);

    private Secrets() {}

    public static String masterKey(Map<String, String> env, Path dataDir) {
        String key = env.get("IEUM_MASTER_KEY");
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = Base64.getEncoder().encodeToString(bytes);
            try {
                // owner-only from the first byte: no moment in which another local user could read the key
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                LOG.debug("no POSIX permissions on this file system");
                Files.createFile(file);
            }
            Files.writeString(file, generated);
            LOG.warn("No IEUM_MASTER_KEY configured: generated one in {}. Keep it safe; without it stored addresses "
                    + "cannot be read. Set IEUM_MASTER_KEY in production.", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
