package kr.ieum.content.translation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * XLIFF 2.0 (OASIS) for translation agencies: one {@code <unit>} per text, the source and the current target, and the
 * target's state as XLIFF's own {@code state} (initial = missing, translated = machine or stale, final = reviewed) plus
 * {@code subState="ieum:<state>"} so that a round trip keeps machine and stale apart. Reading refuses DTDs and external
 * entities (no XXE) and reports each problem with its unit id.
 */
public final class Xliff {
    public static final String NS = "urn:oasis:names:tc:xliff:document:2.0";
    private static final int MAX_BYTES = 20 * 1024 * 1024;

    private Xliff() {}

    public static String write(TranslationFile file) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("xliff");
            x.writeDefaultNamespace(NS);
            x.writeAttribute("version", "2.0");
            x.writeAttribute("srcLang", file.sourceLocale());
            x.writeAttribute("trgLang", file.locale());
            x.writeCharacters("\n  ");
            x.writeStartElement("file");
            x.writeAttribute("id", "ieum-" + file.locale());
            for (Unit u : file.units()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("unit");
                x.writeAttribute("id", u.id());
                x.writeCharacters("\n      ");
                x.writeStartElement("segment");
                x.writeAttribute("state", switch (u.state()) {
                    case "missing" -> "initial";
                    case "reviewed" -> "final";
                    default -> "translated";
                });
                x.writeAttribute("subState", "ieum:" + u.state());
                x.writeCharacters("\n        ");
                x.writeStartElement("source");
                x.writeCharacters(u.source());
                x.writeEndElement();
                if (!u.target().isEmpty()) {
                    x.writeCharacters("\n        ");
                    x.writeStartElement("target");
                    x.writeCharacters(u.target());
                    x.writeEndElement();
                }
                x.writeCharacters("\n      ");
                x.writeEndElement();
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Reads a file; problems (unreadable XML, wrong version or namespace, a unit without id) fail with all of them. */
    public static TranslationFile read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidTranslation(List.of("the file is larger than " + MAX_BYTES / (1024 * 1024) + " MB"));
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(bytes));
        } catch (SAXException e) {
            throw new InvalidTranslation(List.of("not valid XML: " + e.getMessage()));
        } catch (ParserConfigurationException | IOException e) {
            throw new InvalidTranslation(List.of("cannot read the file: " + e.getMessage()));
        }
        Element root = doc.getDocumentElement();
        List<String> problems = new ArrayList<>();
        if (!"xliff".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI()) || !"2.0".equals(root.getAttribute("version"))) {
            throw new InvalidTranslation(List.of("not an XLIFF 2.0 document (root <xliff version=\"2.0\" xmlns=\"" + NS + "\">)"));
        }
        String src = root.getAttribute("srcLang");
        String trg = root.getAttribute("trgLang");
        if (trg.isEmpty()) {
            problems.add("trgLang is missing: the file does not say which language it is in");
        }
        List<Unit> units = new ArrayList<>();
        NodeList list = root.getElementsByTagNameNS(NS, "unit");
        for (int i = 0; i < list.getLength(); i++) {
            Element unit = (Element) list.item(i);
            String id = unit.getAttribute("id");
            if (id.isEmpty()) {
                problems.add("unit #" + (i + 1) + ": no id");
                continue;
            }
            Element segment = first(unit, "segment");
            if (segment == null) {
                problems.add(id + ": no <segment>");
                continue;
            }
            Element source = first(segment, "source");
            Element target = first(segment, "target");
            String subState = segment.getAttribute("subState");
            String state = subState.startsWith("ieum:") ? subState.substring(5) : segment.getAttribute("state");
            units.add(new Unit(id, state, source == null ? "" : text(source), target == null ? "" : text(target)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTranslation(problems);
        }
        return new TranslationFile(src, trg, units);
    }

    private static Element first(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e.getTextContent();
    }
}
