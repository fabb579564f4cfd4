package kr.ieum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where things are: the project root, the shared evaluation data, the results folder. */
final class BenchEnv {
    private BenchEnv() {}

    /** {@code -Dieum.project.root}, else the first folder upwards from the working directory holding bot/ and bench/. */
    static Path projectRoot() {
        String configured = System.getProperty("ieum.project.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bot/pom.xml")) && Files.isDirectory(p.resolve("bench"))) {
                return p;
            }
        }
        throw new IllegalStateException("Run from the project folder (or set -Dieum.project.root): no bot/ and bench/ above "
                + Path.of("").toAbsolutePath());
    }

    /** {@code -Dieum.data.dir}, default {@code ../shared/data} next to the project root. */
    static Path dataDir() {
        String configured = System.getProperty("ieum.data.dir");
        Path dir = configured == null || configured.isBlank() ? projectRoot().resolve("../shared/data") : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }

    /** The data set {@code name}, or empty after printing why it is skipped. */
    static Optional<Path> data(String name) {
        Path dir = dataDir().resolve(name);
        if (Files.isDirectory(dir)) {
            return Optional.of(dir);
        }
        System.out.println("Skipped " + name + ": the data folder " + dir + " is absent (set -Dieum.data.dir=... to point at shared/data)");
        return Optional.empty();
    }

    static Path results() {
        return projectRoot().resolve("bench/results");
    }

    static Path content() {
        return projectRoot().resolve("content");
    }

    static Path locales() {
        return projectRoot().resolve("locales");
    }
}
