package kr.ieum.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import kr.ieum.faq.FaqResult;
import kr.ieum.faq.FaqService;
import kr.ieum.platform.ProjectPaths;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code content import} / {@code content export} and the start-up import against a database of their own (a fresh
 * database on the test PostgreSQL): files -> database -> files gives the same bytes, and a file changed after the
 * database reaches residents at the next start, as published text or as a draft, while broken files change nothing.
 */
@MicronautTest
class ContentFilesIT extends ServiceTest {
    private static final String PHRASE = "quokka wombat numbat";
    @Inject
    DataSource dataSource;
    String url;
    Map<String, String> env;

    @BeforeAll
    void freshDatabase() {
        String name = "content_files_" + System.nanoTime();
        Sql.execute(dataSource, "create database " + name);
        url = Sql.one(dataSource, "select 'jdbc:postgresql://localhost:' || current_setting('port') || '/" + name + "'");
        env = databaseEnv(url);
    }

    @Test
    void importThenExportGivesTheSameFilesByteForByte(@TempDir Path out) throws IOException {
        assertEquals(0, ContentCommand.run(new String[] {"content", "import"}, env, Path.of("unused")));
        assertEquals(0, ContentCommand.run(new String[] {"content", "export", "--to", out.toString()}, env, Path.of("unused")));
        Path faq = ProjectPaths.resolve(null, "content").resolve("faq");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(faq)) {
            walk.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        assertTrue(files.size() > 800);
        assertEquals(Files.readString(faq.resolveSibling("topics.yaml"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("topics.yaml"), StandardCharsets.UTF_8), "topics.yaml, comments and all");
        for (Path file : files) {
            Path exported = out.resolve("faq").resolve(faq.relativize(file));
            assertTrue(Files.exists(exported), "exported " + exported);
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), Files.readString(exported, StandardCharsets.UTF_8), file.toString());
        }
        // importing the same files again changes nothing
        String revisions = Sql.one(dataSource(), "select count(*) from content_revision");
        assertEquals(0, ContentCommand.run(new String[] {"content", "import"}, env, Path.of("unused")));
        assertEquals(revisions, Sql.one(dataSource(), "select count(*) from content_revision"));
    }

    @Test
    void filesChangedAfterTheDatabaseArePublishedOrDraftedAtTheNextStartAndBrokenOnesChangeNothing(@TempDir Path content)
            throws IOException {
        assertEquals(0, ContentCommand.run(new String[] {"content", "import"}, env, Path.of("unused")));
        copy(ProjectPaths.resolve(null, "content"), content);
        edit(content, "hikorea", "en", PHRASE);
        try (ApplicationContext ctx = start(content, "publish")) {
            FaqResult r = ctx.getBean(FaqService.class).ask(PHRASE, "en");
            assertEquals(FaqResult.Outcome.ANSWERED, r.outcome());
            assertEquals("hikorea", r.topic(), "the edited file is what residents read");
        }
        edit(content, "contact-1345", "en", PHRASE + " two");
        try (ApplicationContext ctx = start(content, "draft")) {
            ContentService service = ctx.getBean(ContentService.class);
            Draft draft = service.draft("contact-1345", "en").orElseThrow();
            assertTrue(draft.inReview() && draft.alternates().contains(PHRASE + " two"));
            assertTrue(!service.published("contact-1345", "en").orElseThrow().alternates().contains(PHRASE + " two"),
                    "a draft is not published");
        }
        Path broken = content.resolve("faq/mobile-id-cost/en.md");
        Files.writeString(broken, Files.readString(broken).replaceFirst("question: .*\\n", ""));
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().plusSeconds(120)));
        try (ApplicationContext ctx = start(content, "publish")) {
            assertTrue(ctx.getBean(ContentService.class).published("mobile-id-cost", "en").isPresent(), "the last good text stays");
            assertEquals(FaqResult.Outcome.ANSWERED, ctx.getBean(FaqService.class).ask(PHRASE, "en").outcome());
        }
    }

    private ApplicationContext start(Path content, String mode) {
        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("datasources.default.url", url);
        props.put("ieum.content.path", content.toString());
        props.put("ieum.content.import-on-start", mode);
        props.put("ieum.channels.poll", "1h");
        props.put("ieum.enrollment.reminder-poll", "1h");
        return ApplicationContext.run(props);
    }

    private DataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser("postgres");
        ds.setPassword(getProperties().get("datasources.default.password"));
        return ds;
    }

    private static void edit(Path content, String topic, String locale, String alternate) throws IOException {
        Path file = content.resolve("faq").resolve(topic).resolve(locale + ".md");
        ContentSet set = ContentReader.read(content, ContentReaderTest.TAGS);
        Localization l = set.localizations().stream().filter(x -> x.topic().equals(topic) && x.locale().equals(locale)).findFirst().orElseThrow();
        List<String> alternates = new ArrayList<>(l.alternates());
        alternates.add(alternate);
        Files.writeString(file, ContentWriter.write(new Localization(l.topic(), l.locale(), l.question(), alternates, l.answer(), l.sms(),
                l.status(), l.revision(), l.sourceRevision(), l.translatedFrom(), l.links())));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(3600)));
                }
            }
        }
    }
}
