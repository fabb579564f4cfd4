package kr.ieum.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Checks the bot's own words as {@code content validate} checks the knowledge base, each problem with its file and line:
 * YAML that does not parse (at the line the parser stopped), a key given twice, a value that is not text, an ICU
 * MessageFormat pattern that does not compile, a key of the source ({@code en}) missing in a locale or one the source
 * does not have, and placeholders that differ from the source's. Covers {@code messages/<tag>.yaml} for every locale
 * and the console's {@code console/<ui>.yaml}.
 */
public final class LocalesChecker {
    /** One problem: {@code file:line: message}. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** A file's patterns with the line of each key, or the problems that keep it from being read. */
    public record Read(Map<String, String> patterns, Map<String, Integer> lines, List<Problem> problems) {}

    private LocalesChecker() {}

    /** Every problem of the locales folder. */
    public static List<Problem> check(Path dir, LocaleRegistry registry) {
        List<Problem> problems = new ArrayList<>();
        problems.addAll(checkSet(dir, dir.resolve("messages"), registry.tags(), "en"));
        if (Files.isDirectory(dir.resolve("console"))) {
            problems.addAll(checkSet(dir, dir.resolve("console"), List.of("en", "ko"), "en"));
        }
        return problems;
    }

    private static List<Problem> checkSet(Path root, Path folder, List<String> tags, String sourceTag) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Read> reads = new LinkedHashMap<>();
        for (String tag : tags) {
            Path file = folder.resolve(tag + ".yaml");
            String name = root.getParent() == null ? file.toString() : root.getParent().relativize(file).toString();
            if (!Files.exists(file)) {
                problems.add(new Problem(name, 1, "missing file for locale " + tag));
                continue;
            }
            Read read = read(file, name);
            problems.addAll(read.problems());
            reads.put(tag, read);
        }
        Read source = reads.get(sourceTag);
        if (source == null || !source.problems().isEmpty()) {
            return problems;
        }
        for (Map.Entry<String, Read> e : reads.entrySet()) {
            String tag = e.getKey();
            Read read = e.getValue();
            String name = root.getParent() == null ? folder.resolve(tag + ".yaml").toString()
                    : root.getParent().relativize(folder.resolve(tag + ".yaml")).toString();
            for (String key : source.patterns().keySet()) {
                if (!read.patterns().containsKey(key) && read.problems().isEmpty()) {
                    problems.add(new Problem(name, 1, "missing key '" + key + "' (" + sourceTag + " has it at line "
                            + source.lines().get(key) + ")"));
                }
            }
            for (Map.Entry<String, String> p : read.patterns().entrySet()) {
                int line = read.lines().getOrDefault(p.getKey(), 1);
                if (!source.patterns().containsKey(p.getKey())) {
                    problems.add(new Problem(name, line, "key '" + p.getKey() + "' is not in " + sourceTag + ".yaml"));
                    continue;
                }
                Set<String> mine = arguments(p.getValue(), tag);
                Set<String> theirs = arguments(source.patterns().get(p.getKey()), sourceTag);
                if (mine == null) {
                    problems.add(new Problem(name, line, "'" + p.getKey() + "' is not a valid ICU MessageFormat pattern"));
                } else if (theirs != null && !mine.equals(theirs)) {
                    problems.add(new Problem(name, line, "'" + p.getKey() + "' has placeholders " + mine + " but " + sourceTag
                            + " has " + theirs));
                }
            }
        }
        return problems;
    }

    /** Reads one file: each key's pattern and line, or the problems. */
    public static Read read(Path file, String name) {
        Map<String, String> patterns = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node node = new Yaml(options).compose(reader);
            if (node == null) {
                return new Read(patterns, lines, problems);
            }
            if (!(node instanceof MappingNode map)) {
                problems.add(new Problem(name, node.getStartMark().getLine() + 1, "the file must be 'key: text' lines"));
                return new Read(patterns, lines, problems);
            }
            for (NodeTuple t : map.getValue()) {
                int line = t.getKeyNode().getStartMark().getLine() + 1;
                if (!(t.getKeyNode() instanceof ScalarNode key) || !(t.getValueNode() instanceof ScalarNode value)) {
                    problems.add(new Problem(name, line, "each entry must be 'key: text'"));
                    continue;
                }
                if (patterns.containsKey(key.getValue())) {
                    problems.add(new Problem(name, line, "key '" + key.getValue() + "' is given twice (first at line "
                            + lines.get(key.getValue()) + ")"));
                    continue;
                }
                patterns.put(key.getValue(), value.getValue());
                lines.put(key.getValue(), line);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new Problem(name, mark == null ? 1 : mark.getLine() + 1, "YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            problems.add(new Problem(name, 1, "YAML: " + e.getMessage()));
        } catch (IOException e) {
            problems.add(new Problem(name, 1, "cannot read: " + e.getMessage()));
        }
        return new Read(patterns, lines, problems);
    }

    /** The named arguments of an ICU pattern, or null when it does not compile. */
    static Set<String> arguments(String pattern, String tag) {
        try {
            return new TreeSet<>(new MessageFormat(pattern, ULocale.forLanguageTag(tag)).getArgumentNames());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
