package kr.ieum.content;

import static kr.ieum.content.ContentReader.line;
import static kr.ieum.content.ContentReader.scalar;
import static kr.ieum.content.ContentReader.value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks {@code content/journeys/}: the shape of each journey ({@code <id>.yaml}) and its words per locale
 * ({@code <id>/<locale>.yaml}). Problems go to the {@link ContentReader}'s list with file and line.
 */
final class JourneyReader {
    static final String SOURCE_LOCALE = "en";
    private static final Set<String> FIELDS = Set.of("id", "revision", "start", "start-on", "offer-on", "problem-topic", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("id", "ask", "guide", "office", "end", "topic", "choices", "next");
    private static final Set<String> TEXT_FIELDS = Set.of("status", "revision", "source-revision", "translated-from", "title",
            "intro", "steps");
    private static final String ID = "[a-z0-9]+(-[a-z0-9]+)*";

    private final ContentReader reader;
    private final Set<String> locales;
    private final Set<String> topics;

    JourneyReader(ContentReader reader, Set<String> locales, Set<String> topics) {
        this.reader = reader;
        this.locales = locales;
        this.topics = topics;
    }

    List<Journey> readAll(Path dir) {
        List<Journey> journeys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return journeys;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isDirectory(file)) {
                    if (!Files.exists(dir.resolve(name + ".yaml"))) {
                        reader.problem(file, 1, "texts of an unknown journey '" + name + "': add " + name + ".yaml beside it");
                    }
                } else if (name.endsWith(".yaml")) {
                    Journey journey = readJourney(file, name.substring(0, name.length() - 5));
                    if (journey != null) {
                        journeys.add(journey);
                    }
                } else {
                    reader.problem(file, 1, "not a journey: journeys are <id>.yaml files with a folder <id>/ of texts");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(journeys);
    }

    private Journey readJourney(Path file, String id) {
        if (!(reader.load(file) instanceof MappingNode map)) {
            reader.problem(file, 1, "a journey is a mapping with id, revision, start and steps");
            return null;
        }
        unknownFields(file, map, FIELDS);
        String declared = scalar(value(map, "id"));
        if (!id.equals(declared)) {
            reader.problem(file, line(map), "id '" + declared + "' must match the file name '" + id + "'");
        }
        if (!id.matches(ID)) {
            reader.problem(file, 1, "journey id '" + id + "' must be lower-case words joined by '-'");
        }
        int revision = positive(file, map, "revision");
        List<String> startOn = topicList(file, map, "start-on");
        List<String> offerOn = topicList(file, map, "offer-on");
        String problemTopic = scalar(value(map, "problem-topic"));
        if (problemTopic == null) {
            reader.problem(file, line(map), "missing 'problem-topic': the topic a \"problem\" answers");
        } else {
            checkTopic(file, value(map, "problem-topic"), problemTopic);
        }
        List<JourneyStep> steps = readSteps(file, map);
        String start = scalar(value(map, "start"));
        Map<String, JourneyStep> byId = new LinkedHashMap<>();
        steps.forEach(s -> byId.putIfAbsent(s.id(), s));
        if (start == null) {
            reader.problem(file, line(map), "missing 'start': the id of the first step");
            return null;
        }
        if (!byId.containsKey(start)) {
            reader.problem(file, line(value(map, "start")), "unknown step '" + start + "' in 'start'");
            return null;
        }
        checkGraph(file, start, byId);
        Map<String, JourneyTexts> texts = readTexts(file.resolveSibling(id), byId);
        return new Journey(id, revision, start, startOn, offerOn, problemTopic, List.copyOf(byId.values()), texts);
    }

    private List<JourneyStep> readSteps(Path file, MappingNode map) {
        List<JourneyStep> steps = new ArrayList<>();
        if (!(value(map, "steps") instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            reader.problem(file, line(map), "missing 'steps': a list of steps");
            return steps;
        }
        Set<String> seen = new HashSet<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m) || scalar(value(m, "id")) == null) {
                reader.problem(file, line(item), "a step needs an 'id'");
                continue;
            }
            String id = scalar(value(m, "id"));
            if (!id.matches(ID)) {
                reader.problem(file, line(item), "step id '" + id + "' must be lower-case words joined by '-'");
            }
            if (!seen.add(id)) {
                reader.problem(file, line(item), "step '" + id + "' is defined twice");
                continue;
            }
            unknownFields(file, m, STEP_FIELDS);
            JourneyStep step = readStep(file, m, id);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private JourneyStep readStep(Path file, MappingNode m, String id) {
        List<String> kinds = Stream.of("ask", "guide", "office", "end").filter(k -> value(m, k) != null).toList();
        if (kinds.size() != 1) {
            reader.problem(file, line(m), "step '" + id + "' needs exactly one of ask, guide, office, end (has "
                    + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + ")");
            return null;
        }
        String topic = scalar(value(m, "topic"));
        if (topic != null) {
            checkTopic(file, value(m, "topic"), topic);
        }
        int line = line(m);
        return switch (kinds.get(0)) {
            case "ask" -> new JourneyStep(id, JourneyStep.Kind.ASK, scalar(value(m, "ask")), topic, choices(file, m, id),
                    List.of(), null, line);
            case "guide" -> new JourneyStep(id, JourneyStep.Kind.GUIDE, null, topic, List.of(), routes(file, m, id), null, line);
            case "office" -> new JourneyStep(id, JourneyStep.Kind.OFFICE, null, topic, List.of(), routes(file, m, id), null, line);
            default -> {
                String end = scalar(value(m, "end"));
                if (!"completed".equals(end) && !"cannot".equals(end)) {
                    reader.problem(file, line(value(m, "end")), "step '" + id + "': 'end' is completed or cannot");
                }
                if (value(m, "next") != null || value(m, "choices") != null) {
                    reader.problem(file, line, "step '" + id + "' ends the journey: it has no 'next' or 'choices'");
                }
                yield new JourneyStep(id, JourneyStep.Kind.END, null, topic, List.of(), List.of(), end, line);
            }
        };
    }

    private List<JourneyStep.Choice> choices(Path file, MappingNode m, String step) {
        List<JourneyStep.Choice> choices = new ArrayList<>();
        if (scalar(value(m, "ask")) == null || !scalar(value(m, "ask")).matches(ID)) {
            reader.problem(file, line(value(m, "ask")), "step '" + step + "': 'ask' names the answer (lower-case words joined by '-')");
        }
        if (!(value(m, "choices") instanceof SequenceNode seq) || seq.getValue().size() < 2) {
            reader.problem(file, line(m), "dead end: question step '" + step + "' needs at least two 'choices'");
            return choices;
        }
        Set<String> seen = new HashSet<>();
        for (Node item : seq.getValue()) {
            String id = item instanceof MappingNode c ? scalar(value(c, "id")) : null;
            if (id == null || !id.matches(ID)) {
                reader.problem(file, line(item), "step '" + step + "': a choice needs an 'id' (lower-case words joined by '-')");
                continue;
            }
            if (!seen.add(id)) {
                reader.problem(file, line(item), "step '" + step + "': choice '" + id + "' is listed twice");
            }
            MappingNode c = (MappingNode) item;
            String next = scalar(value(c, "next"));
            if (next == null) {
                reader.problem(file, line(item), "step '" + step + "': choice '" + id + "' has no target ('next')");
                continue;
            }
            choices.add(new JourneyStep.Choice(id, next, stringMap(file, value(c, "set"))));
        }
        return List.copyOf(choices);
    }

    private List<JourneyStep.Route> routes(Path file, MappingNode m, String step) {
        Node next = value(m, "next");
        if (next == null) {
            reader.problem(file, line(m), "dead end: step '" + step + "' has no 'next'");
            return List.of();
        }
        if (next instanceof ScalarNode s) {
            return List.of(new JourneyStep.Route(Map.of(), s.getValue()));
        }
        List<JourneyStep.Route> routes = new ArrayList<>();
        if (next instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String target = item instanceof MappingNode r ? scalar(value(r, "step")) : null;
                if (target == null) {
                    reader.problem(file, line(item), "step '" + step + "': a route is {when: {answer: choice}, step: id}");
                    continue;
                }
                routes.add(new JourneyStep.Route(stringMap(file, value((MappingNode) item, "when")), target));
            }
        }
        if (routes.isEmpty() || !routes.get(routes.size() - 1).when().isEmpty()) {
            reader.problem(file, line(next), "dead end: the last route of step '" + step + "' needs no 'when' (the otherwise case)");
        }
        return List.copyOf(routes);
    }

    /** Unknown targets, conditions on answers never asked, unreachable steps and steps that can reach no end. */
    private void checkGraph(Path file, String start, Map<String, JourneyStep> steps) {
        Set<String> slots = new HashSet<>();
        steps.values().stream().filter(s -> s.slot() != null).forEach(s -> slots.add(s.slot()));
        steps.values().forEach(s -> s.choices().forEach(c -> slots.addAll(c.set().keySet())));
        Map<String, List<String>> edges = new HashMap<>();
        for (JourneyStep step : steps.values()) {
            List<String> targets = new ArrayList<>();
            step.choices().forEach(c -> targets.add(c.next()));
            for (JourneyStep.Route r : step.next()) {
                targets.add(r.step());
                r.when().keySet().stream().filter(k -> !slots.contains(k)).forEach(k -> reader.problem(file, step.line(),
                        "step '" + step.id() + "': condition on '" + k + "', which no step asks"));
            }
            for (String target : targets) {
                if (!steps.containsKey(target)) {
                    reader.problem(file, step.line(), "step '" + step.id() + "' leads to unknown step '" + target + "'");
                }
            }
            edges.put(step.id(), targets.stream().filter(steps::containsKey).toList());
        }
        Set<String> reachable = walk(Set.of(start), edges);
        Map<String, List<String>> reverse = new HashMap<>();
        edges.forEach((from, tos) -> tos.forEach(to -> reverse.computeIfAbsent(to, k -> new ArrayList<>()).add(from)));
        Set<String> ends = new HashSet<>();
        steps.values().stream().filter(s -> s.kind() == JourneyStep.Kind.END).forEach(s -> ends.add(s.id()));
        Set<String> leadToEnd = walk(ends, reverse);
        for (JourneyStep step : steps.values()) {
            if (!reachable.contains(step.id())) {
                reader.problem(file, step.line(), "unreachable step '" + step.id() + "': no step leads to it");
            } else if (!leadToEnd.contains(step.id())) {
                reader.problem(file, step.line(), "dead end: from step '" + step.id() + "' no way leads to an end step");
            }
        }
    }

    private static Set<String> walk(Set<String> from, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>(from);
        Deque<String> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            for (String next : edges.getOrDefault(queue.pop(), List.of())) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    private Map<String, JourneyTexts> readTexts(Path dir, Map<String, JourneyStep> steps) {
        Map<String, JourneyTexts> texts = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    String locale = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : null;
                    if (locale == null || !locales.contains(locale)) {
                        reader.problem(file, 1, "unknown locale file '" + name + "': texts are <locale>.yaml with a tag from locales/locales.yaml");
                        continue;
                    }
                    JourneyTexts t = readText(file, locale, steps);
                    if (t != null) {
                        texts.put(locale, t);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!texts.containsKey(SOURCE_LOCALE)) {
            reader.problem(dir.resolve(SOURCE_LOCALE + ".yaml"), 1, "missing required translation: the source texts (" + SOURCE_LOCALE + ")");
        }
        return Map.copyOf(texts);
    }

    private JourneyTexts readText(Path file, String locale, Map<String, JourneyStep> steps) {
        if (!(reader.load(file) instanceof MappingNode map)) {
            reader.problem(file, 1, "journey texts are a mapping with status, revision, title, intro and steps");
            return null;
        }
        unknownFields(file, map, TEXT_FIELDS);
        String status = scalar(value(map, "status"));
        if (!Set.of(Localization.SOURCE, Localization.MACHINE, Localization.REVIEWED).contains(status)) {
            reader.problem(file, line(map), "status must be source, machine or reviewed");
        }
        int revision = positive(file, map, "revision");
        Integer sourceRevision = null;
        String translatedFrom = scalar(value(map, "translated-from"));
        if (status != null && !Localization.SOURCE.equals(status)) {
            sourceRevision = value(map, "source-revision") == null ? null : positive(file, map, "source-revision");
            if (sourceRevision == null) {
                reader.problem(file, line(map), "a " + status + " translation needs 'source-revision'");
            }
            if (translatedFrom == null || !locales.contains(translatedFrom)) {
                reader.problem(file, line(map), "a " + status + " translation needs 'translated-from' (a known locale)");
            }
        }
        String title = text(file, map, "title");
        String intro = text(file, map, "intro");
        Map<String, JourneyTexts.StepText> stepTexts = new LinkedHashMap<>();
        MappingNode stepsNode = value(map, "steps") instanceof MappingNode m ? m : null;
        if (stepsNode == null) {
            reader.problem(file, line(map), "missing 'steps': the text of every step");
            return null;
        }
        for (NodeTuple t : stepsNode.getValue()) {
            String id = scalar(t.getKeyNode());
            if (!steps.containsKey(id)) {
                reader.problem(file, line(t.getKeyNode()), "unknown step '" + id + "'");
            }
        }
        for (JourneyStep step : steps.values()) {
            Node node = value(stepsNode, step.id());
            if (!(node instanceof MappingNode s) || scalar(value(s, "text")) == null || scalar(value(s, "text")).isBlank()) {
                reader.problem(file, node == null ? line(stepsNode) : line(node), "missing required translation: text of step '" + step.id() + "'");
                continue;
            }
            Map<String, String> labels = stringMap(file, value(s, "choices"));
            for (JourneyStep.Choice c : step.choices()) {
                if (labels.getOrDefault(c.id(), "").isBlank()) {
                    reader.problem(file, line(node), "missing required translation: label of choice '" + c.id() + "' of step '" + step.id() + "'");
                }
            }
            stepTexts.put(step.id(), new JourneyTexts.StepText(scalar(value(s, "text")).strip(), labels));
        }
        if (title == null || intro == null || status == null) {
            return null;
        }
        return new JourneyTexts(locale, status, revision, sourceRevision, translatedFrom, title, intro, Map.copyOf(stepTexts));
    }

    private String text(Path file, MappingNode map, String field) {
        String value = scalar(value(map, field));
        if (value == null || value.isBlank()) {
            reader.problem(file, line(map), "missing required translation: '" + field + "'");
            return null;
        }
        return value.strip();
    }

    private List<String> topicList(Path file, MappingNode map, String field) {
        Node node = value(map, field);
        List<String> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String topic = scalar(item);
                if (topic != null && checkTopic(file, item, topic)) {
                    out.add(topic);
                }
            }
        } else if (node != null) {
            reader.problem(file, line(node), "'" + field + "' is a list of topic ids");
        }
        return List.copyOf(out);
    }

    private boolean checkTopic(Path file, Node node, String topic) {
        if (!topics.contains(topic)) {
            reader.problem(file, line(node), "unknown topic '" + topic + "' (see topics.yaml)");
            return false;
        }
        return true;
    }

    private int positive(Path file, MappingNode map, String field) {
        String value = scalar(value(map, field));
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reader.problem(file, line(value(map, field) == null ? map : value(map, field)), "'" + field + "' must be a whole number from 1");
        return 1;
    }

    private Map<String, String> stringMap(Path file, Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            reader.problem(file, line(node), "expected 'key: value' pairs");
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode());
            String v = scalar(t.getValueNode());
            if (k != null && v != null) {
                out.put(k, v.strip());
            }
        }
        return out;
    }

    private void unknownFields(Path file, MappingNode map, Set<String> allowed) {
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                reader.problem(file, line(t.getKeyNode()), "unknown field '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
