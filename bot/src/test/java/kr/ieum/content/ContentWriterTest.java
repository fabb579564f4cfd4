package kr.ieum.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The file format written back: byte for byte what is bundled, and read back as the same text, whatever the text. */
class ContentWriterTest {

    @Test
    void everyBundledFileIsWrittenExactlyAsItIs() throws IOException {
        Path dir = ProjectPaths.resolve(null, "content");
        ContentSet set = ContentReader.read(dir, ContentReaderTest.TAGS);
        assertTrue(set.valid(), set.problems().toString());
        int checked = 0;
        for (Localization l : set.localizations()) {
            Path file = dir.resolve("faq").resolve(l.topic()).resolve(l.locale() + ".md");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), ContentWriter.write(l),
                    file + " is not in the canonical form: run 'java -jar bot/target/ieum-bot.jar content format'");
            checked++;
        }
        assertTrue(checked > 800, "checked " + checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "No", "on", "null", "~", "1345", "+82-1345", "9:00", "1:20:30", "0x1F", "1e3", ".5", "2025-01-02",
            "a: b", "ends with:", "# not a comment", "x #y", "- item", "? key", "[list]", "{map}", "&anchor", "*alias", "!tag",
            "|block", ">fold", "'single'", "\"double\"", "%directive", "@at", "`tick", " leading", "trailing ", "back\\slash",
            "line\nbreak", "tab\there", "ok plain text", "thẻ cư trú 2025", "موبائل کارڈ", "카드 분실: 어떻게", "\u200bzero width"})
    void anyTextIsReadBackUnchanged(String text) {
        String yaml = "v: " + ContentWriter.scalar(text) + "\n";
        Map<String, Object> read = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        assertEquals(text, read.get("v"), yaml);
    }

    @Test
    void aWrittenFileIsReadBackAsTheSameLocalization(@TempDir Path dir) throws IOException {
        Path source = ProjectPaths.resolve(null, "content");
        Files.copy(source.resolve("topics.yaml"), dir.resolve("topics.yaml"));
        Localization odd = new Localization("hikorea", "en", "What is \"HiKorea\": the portal?", List.of("yes", "1345", "9:00 office",
                "- dash first", "a #hash"), "HiKorea is at https://www.hikorea.go.kr.\n\n- one\n- two", "HiKorea: online, 24/7.",
                "source", 3, null, null, List.of("https://www.hikorea.go.kr"));
        Path file = dir.resolve("faq/hikorea/en.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ContentWriter.write(odd));
        ContentSet set = ContentReader.read(dir, ContentReaderTest.TAGS);
        Localization back = set.localizations().stream().filter(l -> l.topic().equals("hikorea")).findFirst().orElseThrow();
        assertEquals(odd, back);
    }
}
