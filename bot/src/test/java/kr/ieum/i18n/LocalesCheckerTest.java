package kr.ieum.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's own words checked like content: each problem with its file and line; broken words refused at load. */
class LocalesCheckerTest {
    private static final Path LOCALES = ProjectPaths.resolve(null, "locales");
    private static final LocaleRegistry REGISTRY = LocalesLoader.registry(LOCALES);

    @Test
    void theBundledWordsHaveNoProblem() {
        assertEquals(List.of(), LocalesChecker.check(LOCALES, REGISTRY));
    }

    @Test
    void eachKindOfProblemIsReportedAtItsLine(@TempDir Path dir) throws IOException {
        Path copy = copyLocales(dir);
        Path vi = copy.resolve("messages/vi.yaml");
        List<String> lines = Files.readAllLines(vi);
        int firstKey = firstKeyLine(lines);
        String key = lines.get(firstKey).substring(0, lines.get(firstKey).indexOf(':'));
        // the first key: a placeholder the source does not have; then a broken pattern; then a key English lacks
        lines.set(firstKey, key + ": \"{nobody} xin chào\"");
        lines.add("command.nonsense.key: \"{oops\"");
        lines.add("unknown.key: chào");
        Files.write(vi, lines);
        Path th = copy.resolve("messages/th.yaml");
        Files.writeString(th, Files.readString(th) + "\nbroken: [unclosed\n");
        Path ko = copy.resolve("messages/ko.yaml");
        List<String> koLines = Files.readAllLines(ko);
        int koKey = firstKeyLine(koLines);
        String removed = koLines.remove(koKey);
        Files.write(ko, koLines);

        List<String> problems = LocalesChecker.check(copy, REGISTRY).stream().map(Object::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("locales/messages/vi.yaml:" + (firstKey + 1) + ":")
                && p.contains("placeholders")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("locales/messages/vi.yaml:" + (lines.size() - 1) + ":")
                && p.contains("is not in en.yaml")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("locales/messages/th.yaml:") && p.contains("YAML")), problems.toString());
        String removedKey = removed.substring(0, removed.indexOf(':'));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("locales/messages/ko.yaml:") && p.contains("missing key '" + removedKey + "'")),
                problems.toString());
    }

    @Test
    void aBrokenFileIsRefusedAtLoadAndItsReadersGetTheFallback(@TempDir Path dir) throws IOException {
        Path copy = copyLocales(dir);
        Files.writeString(copy.resolve("messages/th.yaml"), "greeting: [this is not closed\n");
        Messages messages = LocalesLoader.messages(REGISTRY, copy);
        LocalizedText text = messages.render("th", "unknown");
        assertEquals("en", text.locale(), "Thai readers get the fallback while Thai is refused");
        Files.writeString(copy.resolve("messages/en.yaml"), "unknown: [broken\n");
        assertThrows(IllegalStateException.class, () -> LocalesLoader.messages(REGISTRY, copy), "without English nothing can stand in");
    }

    @Test
    void aReloadTakesGoodChangesAndKeepsTheLastGoodVersionOfWhatIsBroken(@TempDir Path dir) throws IOException {
        Path copy = copyLocales(dir);
        Messages messages = LocalesLoader.messages(REGISTRY, copy);
        String thaiBefore = messages.render("th", "unknown").text();
        Path vi = copy.resolve("messages/vi.yaml");
        Files.writeString(vi, Files.readString(vi).replaceFirst("(?m)^unknown: .*$", "unknown: \"Xin lỗi, tôi chưa biết.\""));
        Files.writeString(copy.resolve("messages/th.yaml"), "unknown: [broken\n");
        List<LocalesChecker.Problem> problems = LocalesLoader.reload(messages, copy);
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("th.yaml")), problems.toString());
        assertEquals("Xin lỗi, tôi chưa biết.", messages.render("vi", "unknown").text(), "a good change is taken at once");
        assertEquals(thaiBefore, messages.render("th", "unknown").text(), "broken Thai keeps its last good version");
        assertEquals("th", messages.render("th", "unknown").locale());
    }

    private static int firstKeyLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^[a-z][a-z0-9._-]*: .*") && !lines.get(i).contains("{")) {
                return i;
            }
        }
        throw new AssertionError("no key");
    }

    private static Path copyLocales(Path dir) throws IOException {
        Path copy = dir.resolve("locales");
        try (Stream<Path> walk = Files.walk(LOCALES)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = copy.resolve(LOCALES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }
}
