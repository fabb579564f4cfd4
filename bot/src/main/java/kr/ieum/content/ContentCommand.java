package kr.ieum.content;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.platform.ProjectPaths;

/** The {@code content} sub-command: {@code content validate [--content DIR] [--locales DIR]}. */
public final class ContentCommand {
    private ContentCommand() {}

    /** Runs the command and answers the process exit code: 0 valid, 1 problems found, 2 usage. */
    public static int run(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length < 2 || !args[1].equals("validate")) {
            err.println("usage: content validate [--content DIR] [--locales DIR]");
            return 2;
        }
        String content = null;
        String locales = null;
        for (int i = 2; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--content" -> content = args[i + 1];
                case "--locales" -> locales = args[i + 1];
                default -> {
                    err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        try {
            Path contentDir = ProjectPaths.resolve(content, "content");
            LocaleRegistry registry = LocalesLoader.registry(ProjectPaths.resolve(locales, "locales"));
            out.println("Checking " + contentDir + " ...");
            ContentSet set = ContentReader.read(contentDir, new HashSet<>(registry.tags()));
            set.problems().forEach(err::println);
            out.printf("%d topics, %d localizations, %d journeys, %d offices, %d problems%n", set.topics().size(),
                    set.localizations().size(), set.journeys().size(), set.offices().size(), set.problems().size());
            return set.valid() ? 0 : 1;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
