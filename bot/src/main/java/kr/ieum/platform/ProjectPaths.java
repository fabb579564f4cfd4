package kr.ieum.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's data folders (locales/, content/) from the working directory. */
public final class ProjectPaths {
    private ProjectPaths() {}

    /** {@code configured} when set; else {@code ./name}, else {@code ../name}; fails with a clear message. */
    public static Path resolve(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("The " + name + " folder " + p + " does not exist");
            }
            return p;
        }
        for (Path candidate : new Path[] {Path.of(name), Path.of("..", name)}) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("No " + name + "/ folder in " + Path.of("").toAbsolutePath()
                + " or its parent: run from the project folder or set IEUM_" + name.toUpperCase(java.util.Locale.ROOT) + "_PATH");
    }
}
