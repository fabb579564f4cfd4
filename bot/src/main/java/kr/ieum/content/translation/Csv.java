package kr.ieum.content.translation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kr.ieum.platform.CsvLine;

/**
 * The same units as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read it as UTF-8):
 * {@code id,state,source,target}, a first row {@code #locale,<source>,<target>,} naming the languages. Fields are quoted
 * when they hold a comma, a quote or a line break.
 */
public final class Csv {
    private static final String BOM = "\uFEFF";
    private static final List<String> HEADER = List.of("id", "state", "source", "target");

    private Csv() {}

    public static String write(TranslationFile file) {
        StringBuilder out = new StringBuilder(BOM);
        row(out, List.of("#locale", file.sourceLocale(), file.locale(), ""));
        row(out, HEADER);
        for (Unit u : file.units()) {
            row(out, List.of(u.id(), u.state(), u.source(), u.target()));
        }
        return out.toString();
    }

    public static TranslationFile read(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith(BOM)) {
            text = text.substring(1);
        }
        List<List<String>> rows;
        try {
            rows = parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidTranslation(List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (rows.size() < 2 || rows.get(0).size() < 3 || !rows.get(0).get(0).equals("#locale") || !rows.get(1).subList(0, Math.min(4, rows.get(1).size())).equals(HEADER)) {
            throw new InvalidTranslation(List.of("not an Ieum translation CSV: it starts with '#locale,<source>,<target>' and 'id,state,source,target'"));
        }
        String source = rows.get(0).get(1);
        String target = rows.get(0).get(2);
        List<Unit> units = new ArrayList<>();
        for (int i = 2; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            if (r.size() != 4) {
                problems.add("row " + (i + 1) + (r.isEmpty() ? "" : " (" + r.get(0) + ")") + ": " + r.size() + " fields, expected 4");
                continue;
            }
            units.add(new Unit(r.get(0), r.get(1), r.get(2), r.get(3)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTranslation(problems);
        }
        return new TranslationFile(source, target, units);
    }

    private static void row(StringBuilder out, List<String> fields) {
        out.append(CsvLine.of(fields));
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                line++;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + line + ": a quoted field is not closed");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
