package kr.ieum.content;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.platform.ProjectPaths;

/**
 * Reads the content files on a thread of their own while the service starts its database and its context (a second of
 * YAML on this machine that would otherwise wait for them): {@link ContentService} takes the result when it asks for
 * the same folder with the same locales, and reads the files itself otherwise (or when this failed).
 */
public final class ContentPreload {
    private record Read(Path dir, Set<String> locales, ContentSet set) {}

    private static volatile CompletableFuture<Read> pending;

    private ContentPreload() {}

    /** Starts reading the folders that {@code IEUM_CONTENT_PATH} and {@code IEUM_LOCALES_PATH} name (or their defaults). */
    public static void start(String contentPath, String localesPath) {
        pending = CompletableFuture.supplyAsync(() -> {
            Path dir = ProjectPaths.resolve(contentPath, "content");
            Set<String> locales = new HashSet<>(LocalesLoader.registry(ProjectPaths.resolve(localesPath, "locales")).tags());
            return new Read(dir, locales, ContentReader.read(dir, locales));
        }, runnable -> {
            Thread t = new Thread(runnable, "content-preload");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The files read ahead, once, if they are those of {@code dir} with {@code locales}. */
    static Optional<ContentSet> take(Path dir, Set<String> locales) {
        CompletableFuture<Read> read = pending;
        pending = null;
        if (read == null) {
            return Optional.empty();
        }
        try {
            Read r = read.join();
            return r.dir().equals(dir) && r.locales().equals(locales) ? Optional.of(r.set()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
