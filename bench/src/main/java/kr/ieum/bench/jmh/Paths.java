package kr.ieum.bench.jmh;

import java.nio.file.Path;

/** The project folders in a JMH fork: the runner passes {@code -Dieum.project.root} to every fork. */
record Paths(Path root) {
    static Paths fromSystem() {
        String root = System.getProperty("ieum.project.root");
        if (root == null) {
            throw new IllegalStateException("run the JMH benchmarks with bench/run jmh (it sets -Dieum.project.root)");
        }
        return new Paths(Path.of(root));
    }

    Path content() {
        return root.resolve("content");
    }

    Path locales() {
        return root.resolve("locales");
    }
}
