package kr.ieum.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs from the machine's packages that some tests use (pdftoppm...). */
public final class Programs {
    private Programs() {}

    /** True when {@code name} is an executable on the PATH. */
    public static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
