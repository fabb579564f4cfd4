package kr.ieum.content;

import com.ibm.icu.text.BreakIterator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks the {@code content/} folder (format: {@code content/README.md}). Every problem is collected
 * with its file and line; nothing is thrown for bad content, so an editor sees all problems at once.
 */
public final class ContentReader {
    public static final int MAX_ANSWER = 700;
    public static final int MAX_SMS = 160;
    public static final int MIN_ALTERNATES = 3;
    private static final Set<String> FIELDS = Set.of("question", "alternates", "sms", "status", "revision",
            "source-revision", "translated-from", "links");
    private static final Set<String> STATUSES = Set.of(Localization.SOURCE, Localization.MACHINE, Localization.REVIEWED);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]*)\\)");

    private final Set<String> locales;
    private final List<ContentProblem> problems = new ArrayList<>();
    private Path root;

    private ContentReader(Set<String> locales) {
        this.locales = locales;
    }

    /** Reads {@code dir} for the given supported locale tags. */
    public static ContentSet read(Path dir, Set<String> locales) {
        return new ContentReader(locales).readAll(dir);
    }

    private ContentSet readAll(Path dir) {
        root = dir;
        List<Topic> topics = readTopics(dir.resolve("topics.yaml"));
        Set<String> ids = new HashSet<>();
        topics.forEach(t -> ids.add(t.id()));
        List<Localization> localizations = new ArrayList<>();
        Map<Localization, Integer> bodyLines = new HashMap<>();
        Path faq = dir.resolve("faq");
        try (Stream<Path> folders = Files.isDirectory(faq) ? Files.list(faq) : Stream.empty()) {
            for (Path folder : folders.sorted().toList()) {
                String topic = folder.getFileName().toString();
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                if (!ids.contains(topic)) {
                    problem(folder, 1, "unknown topic '" + topic + "': add it to topics.yaml or rename the folder");
                    continue;
                }
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.sorted().toList()) {
                        readLocalization(file, topic, ids, localizations);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checkDuplicateAlternates(localizations);
        List<Journey> journeys = new JourneyReader(this, locales, ids).readAll(dir.resolve("journeys"));
        List<Office> offices = new OfficeReader(this).read(dir.resolve("offices.yaml"));
        Map<String, Map<String, List<String>>> concepts = new ConceptReader(this, locales).read(dir.resolve("concepts"));
        problems.sort(Comparator.comparing(ContentProblem::file).thenComparingInt(ContentProblem::line));
        return new ContentSet(topics, List.copyOf(localizations), journeys, offices, concepts, List.copyOf(problems));
    }

    private List<Topic> readTopics(Path file) {
        List<Topic> topics = new ArrayList<>();
        Node node = compose(file, text(file));
        if (!(node instanceof MappingNode map)) {
            problem(file, 1, "expected a mapping with 'topics:'");
            return topics;
        }
        Node list = value(map, "topics");
        if (!(list instanceof SequenceNode seq)) {
            problem(file, line(map), "missing 'topics:' list");
            return topics;
        }
        Set<String> seen = new HashSet<>();
        Map<String, Integer> lines = new HashMap<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m) || scalar(value(m, "id")) == null) {
                problem(file, line(item), "a topic needs an 'id'");
                continue;
            }
            String id = scalar(value(m, "id"));
            if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problem(file, line(item), "topic id '" + id + "' must be lower-case words joined by '-'");
            }
            if (!seen.add(id)) {
                problem(file, line(item), "topic '" + id + "' is listed twice");
            }
            String category = scalar(value(m, "category"));
            if (category != null && !category.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problem(file, line(item), "category '" + category + "' must be lower-case words joined by '-'");
            }
            topics.add(new Topic(id, category == null ? "general" : category, "true".equals(scalar(value(m, "menu"))), topics.size(),
                    scalar(value(m, "parent"))));
            lines.put(id, line(item));
        }
        Map<String, Topic> byId = new HashMap<>();
        topics.forEach(t -> byId.put(t.id(), t));
        for (Topic t : topics) {
            Topic parent = t.parent() == null ? null : byId.get(t.parent());
            if (t.parent() != null && (parent == null || parent.parent() != null || parent.id().equals(t.id()))) {
                problem(file, lines.get(t.id()), "topic '" + t.id() + "': parent '" + t.parent()
                        + "' must be another topic of this list that has no parent itself");
            } else if (parent != null && (Topic.DECLINE.equals(t.category()) != Topic.DECLINE.equals(parent.category()))) {
                problem(file, lines.get(t.id()), "topic '" + t.id() + "': a decline topic and its parent must both decline or neither");
            }
        }
        return topics;
    }

    private void readLocalization(Path file, String topic, Set<String> topicIds, List<Localization> out) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".md")) {
            problem(file, 1, "not a Markdown file: content files are named <locale>.md");
            return;
        }
        String locale = name.substring(0, name.length() - 3);
        if (!locales.contains(locale)) {
            problem(file, 1, "unknown locale '" + locale + "': use a tag from locales/locales.yaml");
            return;
        }
        String text = text(file);
        if (text == null) {
            return;
        }
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            problem(file, 1, "a content file starts with a '---' line, then the front matter");
            return;
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            problem(file, 1, "the front matter is not closed by a '---' line");
            return;
        }
        String front = String.join("\n", List.of(lines).subList(1, end));
        Node node = compose(file, front);
        if (node == null) {
            if (problems.stream().noneMatch(p -> p.file().equals(rel(file)))) {
                problem(file, 2, "empty front matter: question, alternates, sms, status and revision are required");
            }
            return;
        }
        if (!(node instanceof MappingNode map)) {
            problem(file, 2, "the front matter must be 'field: value' lines");
            return;
        }
        int offset = 1; // front matter starts on file line 2
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!FIELDS.contains(key)) {
                problem(file, line(t.getKeyNode()) + offset, "unknown field '" + key + "' (allowed: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String question = requiredText(file, map, "question", offset);
        List<String> alternates = list(file, map, "alternates", offset);
        if (value(map, "alternates") == null) {
            problem(file, line(map) + offset, "missing 'alternates': at least " + MIN_ALTERNATES + " other ways to ask");
        } else if (alternates.size() < MIN_ALTERNATES) {
            problem(file, line(value(map, "alternates")) + offset, "only " + alternates.size() + " alternates: at least " + MIN_ALTERNATES + " are needed");
        }
        String sms = requiredText(file, map, "sms", offset);
        if (sms != null && sms.codePointCount(0, sms.length()) > MAX_SMS) {
            problem(file, line(value(map, "sms")) + offset, "sms is " + sms.codePointCount(0, sms.length()) + " characters: at most " + MAX_SMS);
        }
        String status = requiredText(file, map, "status", offset);
        if (status != null && !STATUSES.contains(status)) {
            problem(file, line(value(map, "status")) + offset, "status '" + status + "' must be source, machine or reviewed");
        }
        Integer revision = number(file, map, "revision", offset, true);
        Integer sourceRevision = number(file, map, "source-revision", offset, false);
        String translatedFrom = scalar(value(map, "translated-from"));
        if (status != null && !Localization.SOURCE.equals(status)) {
            if (sourceRevision == null) {
                problem(file, line(map) + offset, "a " + status + " translation needs 'source-revision'");
            }
            if (translatedFrom == null) {
                problem(file, line(map) + offset, "a " + status + " translation needs 'translated-from'");
            } else if (!locales.contains(translatedFrom)) {
                problem(file, line(value(map, "translated-from")) + offset, "translated-from '" + translatedFrom + "' is not a known locale");
            }
        }
        List<String> links = list(file, map, "links", offset);
        Node linksNode = value(map, "links");
        for (String link : links) {
            if (!isWebLink(link)) {
                problem(file, line(linksNode) + offset, "broken link '" + link + "': links are https:// or http:// addresses");
            }
        }
        String answer = String.join("\n", List.of(lines).subList(end + 1, lines.length)).strip();
        int bodyLine = end + 2;
        if (answer.isEmpty()) {
            problem(file, bodyLine, "missing answer: write it below the front matter");
        } else {
            int length = graphemes(answer);
            if (length > MAX_ANSWER) {
                problem(file, bodyLine, "answer is " + length + " characters: at most " + MAX_ANSWER);
            }
            for (int i = end + 1; i < lines.length; i++) {
                Matcher m = LINK.matcher(lines[i]);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.startsWith("topic:")) {
                        if (!topicIds.contains(target.substring(6))) {
                            problem(file, i + 1, "broken link '" + target + "': no such topic");
                        }
                    } else if (!isWebLink(target)) {
                        problem(file, i + 1, "broken link '" + target + "': use https://… or topic:<id>");
                    }
                }
            }
        }
        if (question != null && !answer.isEmpty() && status != null && revision != null) {
            out.add(new Localization(topic, locale, question, List.copyOf(alternates), answer, sms, status, revision,
                    sourceRevision, translatedFrom, List.copyOf(links)));
        }
    }

    private void checkDuplicateAlternates(List<Localization> all) {
        Map<String, String> owner = new HashMap<>();
        for (Localization l : all) {
            List<String> phrases = new ArrayList<>(l.alternates());
            phrases.add(0, l.question());
            for (String phrase : phrases) {
                String key = l.locale() + "\u0000" + normalise(phrase);
                String previous = owner.putIfAbsent(key, l.topic());
                if (previous != null && !previous.equals(l.topic())) {
                    problem(root.resolve("faq").resolve(l.topic()).resolve(l.locale() + ".md"), 1,
                            "alternate '" + phrase + "' is also used by topic " + previous + ": a question must lead to one topic");
                }
            }
        }
    }

    static String normalise(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[\\p{P}\\s]+", " ").strip();
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static int graphemes(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private String requiredText(Path file, MappingNode map, String field, int offset) {
        Node node = value(map, field);
        String value = scalar(node);
        if (node == null || value == null || value.isBlank()) {
            problem(file, (node == null ? line(map) : line(node)) + offset, "missing '" + field + "'");
            return null;
        }
        return value.strip();
    }

    private Integer number(Path file, MappingNode map, String field, int offset, boolean required) {
        Node node = value(map, field);
        String value = scalar(node);
        if (value == null) {
            if (required) {
                problem(file, line(map) + offset, "missing '" + field + "'");
            }
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problem(file, line(node) + offset, "'" + field + "' must be a whole number from 1");
            return null;
        }
    }

    private List<String> list(Path file, MappingNode map, String field, int offset) {
        Node node = value(map, field);
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(file, line(node) + offset, "'" + field + "' must be a list ('- item' lines)");
            return out;
        }
        for (Node item : seq.getValue()) {
            String s = scalar(item);
            if (s == null || s.isBlank()) {
                problem(file, line(item) + offset, "empty item in '" + field + "'");
            } else {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The YAML of {@code file} as a node tree, or null after recording why not. */
    Node load(Path file) {
        return compose(file, text(file));
    }

    private Node compose(Path file, String yaml) {
        if (yaml == null) {
            return null;
        }
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problem(file, line + (file.getFileName().toString().endsWith(".md") ? 1 : 0), "YAML error: " + e.getProblem());
            return null;
        } catch (RuntimeException e) {
            problem(file, 1, "YAML error: " + e.getMessage());
            return null;
        }
    }

    private String text(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString().replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            problem(file, 1, "not valid UTF-8");
            return null;
        } catch (IOException e) {
            problem(file, 1, "cannot read: " + e.getMessage());
            return null;
        }
    }

    static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    static int line(Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private String rel(Path file) {
        Path base = root.getParent() == null ? root : root.getParent();
        return base.relativize(file.toAbsolutePath().normalize()).toString();
    }

    void problem(Path file, int line, String message) {
        problems.add(new ContentProblem(rel(file.toAbsolutePath().normalize()), line, message));
    }
}
