package kr.ieum.content;

import static kr.ieum.content.ContentReader.line;
import static kr.ieum.content.ContentReader.scalar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks {@code content/concepts/<locale>.yaml}: per locale, each concept id with the words residents type
 * for it (the format is described in {@code concepts/en.yaml}'s comments). English's concept ids are the list every
 * other locale uses.
 */
final class ConceptReader {
    private static final String ID = "[a-z0-9]+(-[a-z0-9]+)*";
    private final ContentReader reader;
    private final Set<String> locales;

    ConceptReader(ContentReader reader, Set<String> locales) {
        this.reader = reader;
        this.locales = locales;
    }

    /** Locale → concept id → entries; empty when the folder is absent. */
    Map<String, Map<String, List<String>>> read(Path dir) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                String locale = name.substring(0, name.length() - ".yaml".length());
                if (!locales.contains(locale)) {
                    reader.problem(file, 1, "'" + locale + "' is not a locale of locales/locales.yaml");
                    continue;
                }
                out.put(locale, readOne(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> english = out.get("en");
        if (english != null) {
            out.forEach((locale, concepts) -> concepts.keySet().stream().filter(c -> !english.containsKey(c)).forEach(c ->
                    reader.problem(dir.resolve(locale + ".yaml"), 1, "concept '" + c + "' is not in en.yaml (which lists every concept)")));
        }
        return out;
    }

    private Map<String, List<String>> readOne(Path file) {
        Map<String, List<String>> concepts = new LinkedHashMap<>();
        Node root = reader.load(file);
        if (root == null) {
            return concepts;
        }
        if (!(root instanceof MappingNode map)) {
            reader.problem(file, 1, "expected concept ids, each with a list of words");
            return concepts;
        }
        for (NodeTuple t : map.getValue()) {
            String id = scalar(t.getKeyNode());
            if (id == null || !id.matches(ID)) {
                reader.problem(file, line(t.getKeyNode()), "concept id '" + id + "' must be lower-case words joined by '-'");
                continue;
            }
            if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                reader.problem(file, line(t.getKeyNode()), "concept '" + id + "' needs a list of words: [a, b]");
                continue;
            }
            List<String> entries = new ArrayList<>();
            for (Node n : seq.getValue()) {
                String entry = scalar(n);
                if (entry == null || entry.isBlank() || entry.strip().equals("*")) {
                    reader.problem(file, line(n), "concept '" + id + "': an empty entry");
                } else if (entry.indexOf('*') >= 0 && entry.indexOf('*') != entry.length() - 1) {
                    reader.problem(file, line(n), "concept '" + id + "': '*' may only end an entry ('" + entry + "')");
                } else if (!entry.equals(entry.toLowerCase(Locale.ROOT))) {
                    reader.problem(file, line(n), "concept '" + id + "': write '" + entry + "' in lower case");
                } else {
                    entries.add(entry.strip());
                }
            }
            if (concepts.put(id, List.copyOf(entries)) != null) {
                reader.problem(file, line(t.getKeyNode()), "concept '" + id + "' is listed twice");
            }
        }
        return concepts;
    }
}
