package kr.ieum.channel.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The readable text of a MIME message: the text/plain alternative when there is one, else the HTML one made
 * text; inline text parts of multipart/mixed in order; everything else (images, files, forwarded messages)
 * only noted as an attachment. Transfer encodings (base64, quoted-printable) are undone by Jakarta Mail;
 * charsets are decoded here, with the superset a mail client really meant (EUC-KR as Windows-949, GB2312 as
 * GB18030, ISO-2022-JP with Microsoft's extensions) and replacement characters instead of errors.
 */
final class MimeText {
    static final int MAX_PART_BYTES = 512 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final Map<String, String> SUPERSETS = Map.ofEntries(Map.entry("euc-kr", "x-windows-949"),
            Map.entry("ks_c_5601-1987", "x-windows-949"), Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("ksc5601", "x-windows-949"), Map.entry("cp949", "x-windows-949"), Map.entry("ms949", "x-windows-949"),
            Map.entry("uhc", "x-windows-949"), Map.entry("gb2312", "GB18030"), Map.entry("gbk", "GB18030"),
            Map.entry("euc-cn", "GB18030"), Map.entry("x-gbk", "GB18030"), Map.entry("cp936", "GB18030"),
            Map.entry("iso-2022-jp", "x-windows-iso2022jp"), Map.entry("shift_jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"), Map.entry("big5", "Big5-HKSCS"),
            Map.entry("us-ascii", "windows-1252"), Map.entry("iso-8859-1", "windows-1252"), Map.entry("ascii", "windows-1252"),
            Map.entry("cp1251", "windows-1251"), Map.entry("utf8", "UTF-8"));
    /** Charsets that name a language well enough to hint at it. */
    private static final Map<String, String> HINTS = Map.ofEntries(Map.entry("x-windows-949", "ko"),
            Map.entry("gb18030", "zh-Hans"), Map.entry("x-windows-iso2022jp", "ja"), Map.entry("windows-31j", "ja"),
            Map.entry("euc-jp", "ja"), Map.entry("big5-hkscs", "zh-Hant"), Map.entry("windows-1251", "ru"),
            Map.entry("koi8-r", "ru"), Map.entry("windows-874", "th"), Map.entry("tis-620", "th"),
            Map.entry("windows-1258", "vi"));

    private MimeText() {}

    /**
     * What was found in a message.
     *
     * @param text          the body as text (from text/plain, or from HTML), may be empty
     * @param hasAttachment true when something other than text came along (image, file, forwarded mail)
     * @param languageHint  a language the body's charset implies (ko for EUC-KR...), or null
     */
    record Body(String text, boolean hasAttachment, String languageHint) {}

    static Body read(Part message) throws MessagingException, IOException {
        Found found = new Found();
        walk(message, found, 0);
        String text = !found.plain.toString().isBlank() ? found.plain.toString()
                : found.html.toString().isBlank() ? "" : HtmlText.toText(found.html.toString());
        return new Body(text, found.attachment, found.hint);
    }

    private static final class Found {
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        boolean attachment;
        String hint;
    }

    private static void walk(Part part, Found found, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (part.isMimeType("multipart/alternative")) {
            Multipart alternatives = (Multipart) part.getContent();
            BodyPart chosen = null;
            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart candidate = alternatives.getBodyPart(i);
                if (candidate.isMimeType("text/plain") || chosen == null && (candidate.isMimeType("text/html")
                        || candidate.isMimeType("multipart/*"))) {
                    chosen = candidate;
                }
            }
            if (chosen != null) {
                walk(chosen, found, depth + 1);
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                walk(parts.getBodyPart(i), found, depth + 1);
            }
        } else if (!attached && part.isMimeType("text/plain")) {
            append(found.plain, decode(part, found));
        } else if (!attached && part.isMimeType("text/html")) {
            append(found.html, decode(part, found));
        } else {
            found.attachment = true;
        }
    }

    private static void append(StringBuilder sb, String text) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(text);
    }

    private static String decode(Part part, Found found) throws MessagingException, IOException {
        Charset charset = charset(part.getContentType());
        if (found.hint == null) {
            found.hint = HINTS.get(charset.name().toLowerCase(Locale.ROOT));
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = readCapped(in);
        }
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The charset to decode with: the declared one or its superset; UTF-8 when missing or unknown. */
    static Charset charset(String contentType) {
        String declared = null;
        try {
            declared = contentType == null ? null : new ContentType(contentType).getParameter("charset");
        } catch (ParseException e) {
            declared = null;
        }
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        String mapped = SUPERSETS.getOrDefault(name, name);
        try {
            return Charset.forName(mapped);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < MAX_PART_BYTES && (n = in.read(buffer, 0, Math.min(buffer.length, MAX_PART_BYTES - out.size()))) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
