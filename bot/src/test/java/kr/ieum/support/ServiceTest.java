package kr.ieum.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import kr.ieum.platform.DatabaseBootstrap;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of tests that run the whole service: one embedded PostgreSQL per test JVM (fresh data folder),
 * the real content and locales folders, a throw-away master key. Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("ieum-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        DatabaseBootstrap.properties(Map.of(), DATA.resolve("postgres"), true).forEach((k, v) -> props.put(k, String.valueOf(v)));
        props.put("ieum.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        return props;
    }

    /** The environment of a command or a second service on the test PostgreSQL's database at {@code url}. */
    protected Map<String, String> databaseEnv(String url) {
        Map<String, String> props = getProperties();
        return Map.of("DATABASE_URL", url, "DATABASE_USER", props.get("datasources.default.username"),
                "DATABASE_PASSWORD", props.get("datasources.default.password"));
    }
}
