package kr.ieum.content;

import static kr.ieum.content.ContentReader.line;
import static kr.ieum.content.ContentReader.scalar;
import static kr.ieum.content.ContentReader.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads and checks {@code content/offices.yaml} (the format is described in the file's own comments). */
final class OfficeReader {
    private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d";
    private final ContentReader reader;

    OfficeReader(ContentReader reader) {
        this.reader = reader;
    }

    List<Office> read(Path file) {
        List<Office> offices = new ArrayList<>();
        if (!Files.exists(file)) {
            return offices;
        }
        if (!(reader.load(file) instanceof MappingNode map) || !(value(map, "offices") instanceof SequenceNode seq)) {
            reader.problem(file, 1, "expected 'offices:' with a list of offices");
            return offices;
        }
        Set<String> ids = new HashSet<>();
        Set<String> places = new HashSet<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m) || scalar(value(m, "id")) == null) {
                reader.problem(file, line(item), "an office needs an 'id'");
                continue;
            }
            String id = scalar(value(m, "id"));
            if (!ids.add(id)) {
                reader.problem(file, line(item), "office '" + id + "' is listed twice");
            }
            MappingNode name = value(m, "name") instanceof MappingNode n ? n : null;
            String ko = name == null ? null : scalar(value(name, "ko"));
            String en = name == null ? null : scalar(value(name, "en"));
            if (!Office.UNKNOWN.equals(id) && (ko == null || ko.isBlank() || en == null || en.isBlank())) {
                reader.problem(file, line(item), "office '" + id + "' needs name: {ko: ..., en: ...}");
            }
            List<String> covered = new ArrayList<>();
            if (value(m, "places") instanceof SequenceNode p) {
                for (Node place : p.getValue()) {
                    String s = scalar(place);
                    if (s == null || s.isBlank()) {
                        continue;
                    }
                    if (!places.add(s.strip())) {
                        reader.problem(file, line(place), "place '" + s + "' is listed under two offices");
                    }
                    covered.add(s.strip());
                }
            }
            if (covered.isEmpty()) {
                reader.problem(file, line(item), "office '" + id + "' needs 'places' it covers");
            }
            offices.add(new Office(id, ko, en, scalar(value(m, "address")), hours(file, value(m, "hours")), List.copyOf(covered),
                    "true".equals(scalar(value(m, "confirmed")))));
        }
        return List.copyOf(offices);
    }

    private Office.Hours hours(Path file, Node node) {
        if (!(node instanceof MappingNode h)) {
            return null;
        }
        String[] values = {scalar(value(h, "open")), scalar(value(h, "close")), scalar(value(h, "lunch-start")), scalar(value(h, "lunch-end"))};
        for (String v : values) {
            if (v == null || !v.matches(TIME)) {
                reader.problem(file, line(node), "hours need open, close, lunch-start and lunch-end as HH:MM");
                return null;
            }
        }
        return new Office.Hours(values[0], values[1], values[2], values[3]);
    }
}
