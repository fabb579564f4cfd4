package kr.ieum.outreach;

import com.google.zxing.common.BitMatrix;
import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.ByteArrayOutputStream;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.List;


/**
 * A campaign's one-page A4 poster as PDF (OpenPDF). Text is shaped by Java's text layout (HarfBuzz inside the JDK), so
 * Khmer, Myanmar, Sinhala, Bengali, Devanagari, Thai and Urdu come out joined and ordered as they should, broken into
 * lines by ICU's line breaker (Thai, Khmer and Myanmar have no spaces between words), and drawn as outlines: the file
 * needs no embedded fonts to print the same everywhere. The QR code is drawn as squares, sharp at any size.
 */
public final class PosterPdf {
    private static final float W = PageSize.A4.getWidth();
    private static final float H = PageSize.A4.getHeight();
    private static final float MARGIN = 48;
    private static final Color INK = new Color(0x1b, 0x1b, 0x1b);
    private static final Color BLUE = new Color(0x0b, 0x4f, 0x8a);
    private static final Color GREY = new Color(0x4a, 0x4a, 0x4a);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /**
     * What a poster says, in one language.
     *
     * @param script   ISO 15924 code of the language's script (which font draws it)
     * @param rtl      true for a right-to-left language
     * @param url      the address the QR code opens (also printed)
     * @param sms      the SMS keyword line, or null when no SMS number is configured
     * @param notice   the machine-translation notice, or null when the texts were reviewed
     */
    public record Poster(String language, String script, boolean rtl, String endonym, String title, String overview,
            String safeHeading, String safe, String startHeading, String url, String sms, String notice) {}

    /** Thrown when a font the poster needs is not installed (the service then explains instead of printing boxes). */
    public static final class MissingFont extends RuntimeException {
        MissingFont(String script) {
            super("no font for script " + script + ": install Debian's fonts-noto-core and fonts-noto-cjk, or set IEUM_OUTREACH_FONTS");
        }
    }

    private record Block(String text, float size, boolean bold, Color color, boolean latin, float gapBefore) {}

    private PosterPdf() {}

    public static byte[] render(Poster p, PosterFonts fonts) {
        Font regular = fonts.forScript(p.script(), false).orElseThrow(() -> new MissingFont(p.script()));
        Font bold = fonts.forScript(p.script(), true).orElse(regular);
        List<Font> fallbackRegular = fonts.fallbacks(false);
        List<Font> fallbackBold = fonts.fallbacks(true);
        BitMatrix qr = QrCodes.matrix(p.url(), 0);
        // shrink the text until everything fits on the page beside a QR code of at least 200 points
        for (float scale = 1f; ; scale *= 0.92f) {
            List<Block> blocks = blocks(p, scale);
            float qrSize = Math.max(200, 260 * scale);
            float textHeight = 0;
            for (Block b : blocks) {
                textHeight += b == null ? 0 : b.gapBefore() + height(b, p, regular, bold, fallbackRegular, fallbackBold);
            }
            if (textHeight + qrSize + 40 <= H - 2 * MARGIN || scale < 0.45f) {
                return write(p, blocks, qr, qrSize, regular, bold, fallbackRegular, fallbackBold);
            }
        }
    }

    private static List<Block> blocks(Poster p, float s) {
        List<Block> out = new ArrayList<>();
        out.add(new Block(p.endonym(), 40 * s, true, BLUE, false, 0));
        out.add(new Block(p.title(), 24 * s, true, INK, false, 10 * s));
        if (p.overview() != null && !p.overview().isBlank()) {
            out.add(new Block(p.overview(), 14 * s, false, INK, false, 8 * s));
        }
        out.add(null); // the QR code goes here
        out.add(new Block(p.startHeading(), 22 * s, true, BLUE, false, 6 * s));
        out.add(new Block(p.url(), 12 * s, false, INK, true, 2 * s));
        if (p.sms() != null) {
            out.add(new Block(p.sms(), 16 * s, true, INK, false, 8 * s));
        }
        if (p.safe() != null && !p.safe().isBlank()) {
            out.add(new Block(p.safeHeading(), 15 * s, true, INK, false, 14 * s));
            out.add(new Block(p.safe(), 12 * s, false, INK, false, 2 * s));
        }
        if (p.notice() != null) {
            out.add(new Block(p.notice(), 10 * s, false, GREY, false, 10 * s));
        }
        return out;
    }

    private static float height(Block b, Poster p, Font regular, Font bold, List<Font> fr, List<Font> fb) {
        if (b == null) {
            return 0;
        }
        float h = 0;
        for (TextLayout line : lines(b, p, regular, bold, fr, fb)) {
            h += line.getAscent() + line.getDescent() + line.getLeading();
        }
        return h;
    }

    private static byte[] write(Poster p, List<Block> blocks, BitMatrix qr, float qrSize, Font regular, Font bold, List<Font> fr,
            List<Font> fb) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addTitle(p.title());
        doc.addCreator("Ieum");
        doc.open();
        PdfContentByte cb = writer.getDirectContent();
        float y = MARGIN;
        for (Block b : blocks) {
            if (b == null) {
                y += 16;
                drawQr(cb, qr, (W - qrSize) / 2, y, qrSize);
                y += qrSize + 8;
                continue;
            }
            y += b.gapBefore();
            cb.setColorFill(b.color());
            for (TextLayout line : lines(b, p, regular, bold, fr, fb)) {
                y += line.getAscent();
                float x = (W - line.getAdvance()) / 2;
                fill(cb, line.getOutline(AffineTransform.getTranslateInstance(x, y)));
                y += line.getDescent() + line.getLeading();
            }
        }
        doc.close();
        return out.toByteArray();
    }

    private static List<TextLayout> lines(Block b, Poster p, Font regular, Font bold, List<Font> fr, List<Font> fb) {
        String text = b.text().replaceAll("\\s+", " ").strip();
        List<TextLayout> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        Font main = (b.bold() ? bold : regular).deriveFont(b.size());
        List<Font> fallbacks = (b.bold() ? fb : fr).stream().map(f -> f.deriveFont(b.size())).toList();
        AttributedString s = new AttributedString(text);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            Font f = b.latin() && !fallbacks.isEmpty() ? fallbacks.get(0) : main;
            if (!f.canDisplay(cp)) {
                f = fallbacks.stream().filter(x -> x.canDisplay(cp)).findFirst().orElse(main);
            }
            s.addAttribute(TextAttribute.FONT, f, i, i + n);
            i += n;
        }
        if (p.rtl() && !b.latin()) {
            s.addAttribute(TextAttribute.RUN_DIRECTION, TextAttribute.RUN_DIRECTION_RTL);
        }
        LineBreakMeasurer measurer = new LineBreakMeasurer(s.getIterator(), new IcuLineBreaks(p.language()), FRC);
        float width = W - 2 * MARGIN;
        while (measurer.getPosition() < text.length()) {
            out.add(measurer.nextLayout(width));
        }
        return out;
    }

    private static void drawQr(PdfContentByte cb, BitMatrix m, float x, float y, float size) {
        float cell = size / m.getWidth();
        cb.setColorFill(Color.WHITE);
        cb.rectangle(x, H - y - size, size, size);
        cb.fill();
        cb.setColorFill(Color.BLACK);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    // a hair wider than the cell, so neighbouring squares leave no seam when printed
                    cb.rectangle(x + col * cell, H - y - (row + 1) * cell, cell + 0.05f, cell + 0.05f);
                }
            }
        }
        cb.fill();
    }

    /** Fills a Java2D outline (y down) on the PDF page (y up). */
    private static void fill(PdfContentByte cb, Shape shape) {
        PathIterator it = shape.getPathIterator(null);
        float[] c = new float[6];
        float lastX = 0;
        float lastY = 0;
        while (!it.isDone()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    cb.moveTo(c[0], H - c[1]);
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    cb.lineTo(c[0], H - c[1]);
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    // a quadratic curve as the cubic PDF draws
                    float c1x = lastX + 2f / 3f * (c[0] - lastX);
                    float c1y = lastY + 2f / 3f * (c[1] - lastY);
                    float c2x = c[2] + 2f / 3f * (c[0] - c[2]);
                    float c2y = c[3] + 2f / 3f * (c[1] - c[3]);
                    cb.curveTo(c1x, H - c1y, c2x, H - c2y, c[2], H - c[3]);
                    lastX = c[2];
                    lastY = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    cb.curveTo(c[0], H - c[1], c[2], H - c[3], c[4], H - c[5]);
                    lastX = c[4];
                    lastY = c[5];
                }
                default -> cb.closePath();
            }
            it.next();
        }
        if (it.getWindingRule() == PathIterator.WIND_EVEN_ODD) {
            cb.eoFill();
        } else {
            cb.fill();
        }
    }

    /** ICU's line breaking (dictionary-based for Thai, Khmer, Lao and Myanmar) behind the JDK's BreakIterator. */
    static final class IcuLineBreaks extends java.text.BreakIterator {
        private final com.ibm.icu.text.BreakIterator icu;

        IcuLineBreaks(String language) {
            icu = com.ibm.icu.text.BreakIterator.getLineInstance(com.ibm.icu.util.ULocale.forLanguageTag(language));
        }

        @Override public int first() { return icu.first(); }
        @Override public int last() { return icu.last(); }
        @Override public int next(int n) { return icu.next(n); }
        @Override public int next() { return icu.next(); }
        @Override public int previous() { return icu.previous(); }
        @Override public int following(int offset) { return icu.following(offset); }
        @Override public int preceding(int offset) { return icu.preceding(offset); }
        @Override public boolean isBoundary(int offset) { return icu.isBoundary(offset); }
        @Override public int current() { return icu.current(); }
        @Override public CharacterIterator getText() { return icu.getText(); }
        @Override public void setText(CharacterIterator text) { icu.setText(text); }
    }

}
