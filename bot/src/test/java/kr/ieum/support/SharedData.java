package kr.ieum.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The shared evaluation data ({@code ../shared/data}, or the {@code ieum.data.dir} system property). */
public final class SharedData {
    private SharedData() {}

    /** The folder {@code name} under the data directory; skips the calling test with a message when it is absent. */
    public static Path require(String name) {
        String configured = System.getProperty("ieum.data.dir", "../../shared/data");
        Path dir = Path.of(configured).resolve(name).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir) && "true".equals(System.getenv("CI"))) {
            // CI always has shared/ beside the clone: a floor that silently skips there would hide a regression
            Assertions.fail("The shared data folder " + dir + " is absent, and CI=true: the quality floors cannot be skipped in CI");
        }
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "Skipped: the shared data folder " + dir + " is absent (set -Dieum.data.dir=... to point at shared/data)");
        return dir;
    }
}
