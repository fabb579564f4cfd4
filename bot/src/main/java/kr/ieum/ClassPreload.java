package kr.ieum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the classes a start needs on a second thread while the main one starts the service, so a start on a machine
 * with two cores is not one core reading and parsing eight thousand classes in turn. The list is the one the image's
 * class-data sharing archive is made from ({@code docker/cds-classes.txt}, packed into the jar); the platform's own
 * classes are left out (the JDK's default archive holds them). Classes are loaded, never initialised, so no static
 * initialiser runs earlier or on another thread than it would anyway; a class the list names that is gone is skipped.
 * Switched off by {@code -Dieum.preload=false}.
 */
final class ClassPreload {
    static final String LIST = "META-INF/ieum/cds-classes.txt";
    private static final Logger LOG = LoggerFactory.getLogger(ClassPreload.class);
    private static final List<String> PLATFORM = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    private ClassPreload() {}

    /** Starts loading ahead, unless switched off or the jar has no list. */
    static void start() {
        if ("false".equals(System.getProperty("ieum.preload"))) {
            return;
        }
        ClassLoader loader = ClassPreload.class.getClassLoader();
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try (InputStream in = loader.getResourceAsStream(LIST)) {
                if (in != null) {
                    int loaded = load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), loader);
                    LOG.debug("Loaded {} classes ahead in {} ms", loaded, (System.nanoTime() - start) / 1_000_000);
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("Loading classes ahead stopped: {}", e.toString());
            }
        }, "class-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Loads (without initialising) every class the list names outside the platform's own; returns how many loaded. */
    static int load(BufferedReader list, ClassLoader loader) throws IOException {
        int loaded = 0;
        for (String line; (line = list.readLine()) != null; ) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#") || name.startsWith("@") || PLATFORM.stream().anyMatch(name::startsWith)) {
                continue;
            }
            try {
                Class.forName(name.replace('/', '.'), false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // gone since the list was written, or needs what this jar lacks: main loads what it needs itself
            }
        }
        return loaded;
    }
}
