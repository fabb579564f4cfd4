package kr.ieum.content;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.LocalesChecker;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.platform.DatabaseBootstrap;
import kr.ieum.platform.ProjectPaths;

/**
 * The {@code content} sub-command:
 * <ul>
 *   <li>{@code validate}: checks the files and the bot's own words ({@code locales/}), with file:line for every
 *       problem (exit 1 when there are any);</li>
 *   <li>{@code format}: rewrites {@code topics.yaml} and every topic file the one way {@code export} writes them (so diffs
 *       show only real changes);</li>
 *   <li>{@code import [--as-drafts]}: publishes the files that differ from the database (or saves them as drafts in
 *       review), all or nothing; a running service picks them up at once;</li>
 *   <li>{@code export [--to DIR]}: writes the database's topics ({@code topics.yaml}, with topics started in the console)
 *       and published texts as files, byte for byte as {@code format} does.</li>
 * </ul>
 * Options for all: {@code --content DIR}, {@code --locales DIR}. The database is DATABASE_URL, else the embedded one in
 * IEUM_DATA_DIR (the running service's, if it runs).
 */
public final class ContentCommand {
    private static final String USAGE = "usage: content validate|format|import [--as-drafts]|export [--to DIR] [--content DIR] [--locales DIR]";

    private ContentCommand() {}

    /** Runs the command and answers the process exit code: 0 done, 1 problems found, 2 usage. */
    public static int run(String[] args) {
        return run(args, System.getenv(), Path.of(System.getenv().getOrDefault("IEUM_DATA_DIR", "data")));
    }

    public static int run(String[] args, Map<String, String> env, Path dataDir) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length < 2 || !List.of("validate", "format", "import", "export").contains(args[1])) {
            err.println(USAGE);
            return 2;
        }
        String content = null;
        String locales = null;
        String to = null;
        boolean asDrafts = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--content" -> content = i + 1 < args.length ? args[++i] : null;
                case "--locales" -> locales = i + 1 < args.length ? args[++i] : null;
                case "--to" -> to = i + 1 < args.length ? args[++i] : null;
                case "--as-drafts" -> asDrafts = true;
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        try {
            Path contentDir = ProjectPaths.resolve(content, "content");
            LocaleRegistry registry = LocalesLoader.registry(ProjectPaths.resolve(locales, "locales"));
            if (args[1].equals("export")) {
                return export(env, dataDir, contentDir, to == null ? contentDir : Path.of(to), out, err);
            }
            out.println("Checking " + contentDir + " ...");
            ContentSet set = ContentReader.read(contentDir, new HashSet<>(registry.tags()));
            set.problems().forEach(err::println);
            out.printf("%d topics, %d localizations, %d journeys, %d offices, %d concept lexicons, %d problems%n", set.topics().size(),
                    set.localizations().size(), set.journeys().size(), set.offices().size(), set.concepts().size(), set.problems().size());
            Path localesDir = ProjectPaths.resolve(locales, "locales");
            out.println("Checking " + localesDir + " ...");
            List<LocalesChecker.Problem> wordProblems = LocalesChecker.check(localesDir, registry);
            wordProblems.forEach(err::println);
            out.printf("%d problems in the bot's own words%n", wordProblems.size());
            if (args[1].equals("validate") && !wordProblems.isEmpty()) {
                return 1;
            }
            if (!set.valid()) {
                if (!args[1].equals("validate")) {
                    err.println("nothing was " + (args[1].equals("format") ? "rewritten" : "imported") + ": fix the problems first");
                }
                return 1;
            }
            return switch (args[1]) {
                case "format" -> format(set, contentDir, out);
                case "import" -> importFiles(set, env, dataDir, asDrafts, out, err);
                default -> 0;
            };
        } catch (IllegalStateException | IOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int format(ContentSet set, Path dir, PrintStream out) throws IOException {
        int changed = writeTopics(dir, set.topics(), dir) ? 1 : 0;
        for (Localization l : set.localizations()) {
            changed += write(dir, l) ? 1 : 0;
        }
        out.printf("%d of %d files rewritten%n", changed, set.localizations().size() + 1);
        return 0;
    }

    private static int importFiles(ContentSet set, Map<String, String> env, Path dataDir, boolean asDrafts, PrintStream out,
            PrintStream err) {
        try (Connection c = connect(env, dataDir)) {
            c.setAutoCommit(false);
            try {
                List<Localization> changed = ContentSql.importAll(c, set, "cli", Instant.now(), l -> true, asDrafts);
                c.commit();
                out.printf("%d changed localizations %s%n", changed.size(), asDrafts ? "saved as drafts in review" : "published");
                changed.stream().limit(50).forEach(l -> out.println("  " + l.topic() + "/" + l.locale()));
                return 0;
            } catch (RuntimeException e) {
                c.rollback();
                err.println("nothing was imported: " + e.getMessage());
                return 1;
            }
        } catch (SQLException e) {
            err.println("could not reach the database: " + e.getMessage());
            return 1;
        }
    }

    private static int export(Map<String, String> env, Path dataDir, Path contentDir, Path dir, PrintStream out, PrintStream err)
            throws IOException {
        try (Connection c = connect(env, dataDir)) {
            List<Localization> all = ContentSql.localizations(c);
            int changed = writeTopics(dir, ContentSql.topics(c), contentDir) ? 1 : 0;
            for (Localization l : all) {
                changed += write(dir, l) ? 1 : 0;
            }
            out.printf("%d localizations exported to %s (%d files changed)%n", all.size(), dir.resolve("faq"), changed);
            return 0;
        } catch (SQLException e) {
            err.println("could not reach the database: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Writes {@code topics.yaml} into {@code dir} when its text differs, keeping the comments that open the one in
     * {@code dir} (else the one in {@code contentDir}); answers whether it did.
     */
    private static boolean writeTopics(Path dir, List<Topic> topics, Path contentDir) throws IOException {
        Path file = dir.resolve("topics.yaml");
        Path headerFrom = Files.exists(file) ? file : contentDir.resolve("topics.yaml");
        String header = Files.exists(headerFrom) ? ContentWriter.header(Files.readString(headerFrom, StandardCharsets.UTF_8)) : "";
        return writeIfChanged(file, ContentWriter.topics(topics, header));
    }

    private static boolean writeIfChanged(Path file, String text) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return false;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return true;
    }

    /** Writes one file when its text differs; answers whether it did. */
    private static boolean write(Path dir, Localization l) throws IOException {
        return writeIfChanged(dir.resolve("faq").resolve(l.topic()).resolve(l.locale() + ".md"), ContentWriter.write(l));
    }

    private static Connection connect(Map<String, String> env, Path dataDir) throws SQLException {
        return DatabaseBootstrap.connectForCommand(env, dataDir.resolve("postgres"));
    }
}
