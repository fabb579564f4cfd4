package kr.ieum.outreach;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts a poster is drawn with: Debian's Noto fonts ({@code fonts-noto-core}, {@code fonts-noto-cjk}), found under a
 * folder of the machine's (never downloaded). One family per script of {@code locales/locales.yaml}; a character the
 * script's font lacks (a Latin web address in a Khmer poster) is drawn with Noto Sans, then with Noto Sans CJK.
 */
public final class PosterFonts {
    private static final Logger LOG = LoggerFactory.getLogger(PosterFonts.class);
    /** ISO 15924 script → the font file (without "-Regular"/"-Bold" and extension) and, for a collection, the face. */
    private static final Map<String, String[]> FILES = Map.ofEntries(
            Map.entry("Latn", new String[] {"NotoSans", null}), Map.entry("Cyrl", new String[] {"NotoSans", null}),
            Map.entry("Kore", new String[] {"NotoSansCJK", "Noto Sans CJK KR"}), Map.entry("Hans", new String[] {"NotoSansCJK", "Noto Sans CJK SC"}),
            Map.entry("Hant", new String[] {"NotoSansCJK", "Noto Sans CJK TC"}), Map.entry("Jpan", new String[] {"NotoSansCJK", "Noto Sans CJK JP"}),
            Map.entry("Deva", new String[] {"NotoSansDevanagari", null}), Map.entry("Khmr", new String[] {"NotoSansKhmer", null}),
            Map.entry("Thai", new String[] {"NotoSansThai", null}), Map.entry("Mymr", new String[] {"NotoSansMyanmar", null}),
            Map.entry("Sinh", new String[] {"NotoSansSinhala", null}), Map.entry("Beng", new String[] {"NotoSansBengali", null}),
            Map.entry("Arab", new String[] {"NotoNaskhArabic", null}));
    private final Path folder;
    private final Map<String, Optional<Font>> loaded = new ConcurrentHashMap<>();
    private volatile Map<String, Path> index;

    public PosterFonts(Path folder) {
        this.folder = folder;
    }

    /** The font for {@code script} ({@code bold} or regular), at size 1; empty when its file is not installed. */
    public Optional<Font> forScript(String script, boolean bold) {
        String[] file = FILES.getOrDefault(script, FILES.get("Latn"));
        return load(file[0], file[1], bold);
    }

    /** The fonts tried, in order, for a character the script's font lacks. */
    public List<Font> fallbacks(boolean bold) {
        return Stream.of(forScript("Latn", bold), forScript("Kore", bold)).flatMap(Optional::stream).toList();
    }

    /** The scripts whose font is missing here (what {@code fonts-noto-core} / {@code fonts-noto-cjk} would add). */
    public List<String> missing() {
        return FILES.keySet().stream().sorted().filter(s -> forScript(s, false).isEmpty()).toList();
    }

    private Optional<Font> load(String name, String face, boolean bold) {
        String key = name + (bold ? "-Bold" : "-Regular") + (face == null ? "" : "/" + face);
        return loaded.computeIfAbsent(key, k -> {
            Path path = files().get(name + (bold ? "-Bold" : "-Regular"));
            if (path == null) {
                return bold ? load(name, face, false) : Optional.empty();
            }
            try {
                for (Font f : Font.createFonts(path.toFile())) {
                    if (face == null || f.getFamily(java.util.Locale.ROOT).equals(face) || f.getFontName(java.util.Locale.ROOT).startsWith(face)) {
                        return Optional.of(f);
                    }
                }
                return Optional.empty();
            } catch (IOException | FontFormatException e) {
                LOG.warn("poster font {} unreadable: {}", path, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Font files under the folder by name without extension ({@code NotoSansKhmer-Regular} → path). */
    private Map<String, Path> files() {
        Map<String, Path> i = index;
        if (i == null) {
            i = new HashMap<>();
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        String n = p.getFileName().toString();
                        int dot = n.lastIndexOf('.');
                        if (dot > 0 && (n.endsWith(".ttf") || n.endsWith(".otf") || n.endsWith(".ttc"))) {
                            i.putIfAbsent(n.substring(0, dot), p);
                        }
                    }
                } catch (IOException e) {
                    LOG.warn("cannot read the font folder {}: {}", folder, e.getMessage());
                }
            }
            index = i;
        }
        return i;
    }
}
