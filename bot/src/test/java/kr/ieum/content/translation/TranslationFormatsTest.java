package kr.ieum.content.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XLIFF 2.0 and CSV written and read back unchanged, whatever the text; hostile or broken files refused with reasons. */
class TranslationFormatsTest {
    private static final TranslationFile FILE = new TranslationFile("en", "vi", List.of(
            new Unit("hikorea/question", "machine", "What is HiKorea?", "HiKorea là gì?"),
            new Unit("hikorea/alternates", "stale", "hikorea\nhi korea site", "hikorea\ntrang hi korea, \"chính thức\""),
            new Unit("hikorea/sms", "reviewed", "HiKorea: <online> & 24/7", "HiKorea: <trực tuyến> & 24/7"),
            new Unit("hikorea/answer", "missing", "Line one,\r\nline \"two\"\n\n- item", ""),
            new Unit("bot-about/question", "machine", "RTL \u200f and emoji 🙂", "موبائل 🙂")));

    @Test
    void xliffRoundTrips() {
        String xml = Xliff.write(FILE);
        assertTrue(xml.contains("xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"") && xml.contains("version=\"2.0\""));
        assertTrue(xml.contains("state=\"initial\" subState=\"ieum:missing\""), "missing has no target and XLIFF's initial state");
        assertEquals(FILE, Xliff.read(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void csvRoundTrips() {
        String csv = Csv.write(FILE);
        assertTrue(csv.startsWith("\uFEFF#locale,en,vi,"));
        TranslationFile back = Csv.read(csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(FILE.units().size(), back.units().size());
        for (int i = 0; i < FILE.units().size(); i++) {
            Unit a = FILE.units().get(i);
            Unit b = back.units().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.target(), b.target());
            assertEquals(a.state(), b.state());
            // a spreadsheet may turn CRLF inside a field into LF; everything else comes back as written
            assertEquals(a.source().replace("\r\n", "\n"), b.source().replace("\r\n", "\n"));
        }
    }

    @Test
    void externalEntitiesAndDoctypesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"vi\"><file id=\"f\">"
                + "<unit id=\"hikorea/question\"><segment><source>q</source><target>&e;</target></segment></unit></file></xliff>";
        InvalidTranslation e = assertThrows(InvalidTranslation.class, () -> Xliff.read(xxe.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.problems().get(0).startsWith("not valid XML"), e.problems().toString());
    }

    @Test
    void brokenFilesAreRefusedWithTheirReasons() {
        assertThrows(InvalidTranslation.class, () -> Xliff.read("<xliff><unit".getBytes(StandardCharsets.UTF_8)));
        InvalidTranslation v1 = assertThrows(InvalidTranslation.class, () -> Xliff.read(
                "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"/>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(v1.problems().get(0).contains("XLIFF 2.0"));
        InvalidTranslation noId = assertThrows(InvalidTranslation.class, () -> Xliff.read(("<xliff xmlns=\"" + Xliff.NS + "\" version=\"2.0\" "
                + "srcLang=\"en\" trgLang=\"vi\"><file id=\"f\"><unit><segment><source>a</source></segment></unit></file></xliff>")
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("unit #1: no id"), noId.problems());
        InvalidTranslation open = assertThrows(InvalidTranslation.class, () -> Csv.read(
                "#locale,en,vi,\r\nid,state,source,target\r\nhikorea/sms,machine,\"unclosed,x\r\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(open.problems().get(0).contains("not closed"));
        InvalidTranslation fields = assertThrows(InvalidTranslation.class, () -> Csv.read(
                "#locale,en,vi,\r\nid,state,source,target\r\nhikorea/sms,machine,only three\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("row 3 (hikorea/sms): 3 fields, expected 4"), fields.problems());
        assertThrows(InvalidTranslation.class, () -> Csv.read("a,b\n".getBytes(StandardCharsets.UTF_8)));
    }
}
