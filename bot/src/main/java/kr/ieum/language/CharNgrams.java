package kr.ieum.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Character n-gram language models of single words (Witten-Bell smoothing, in backoff form) for the languages that
 * share a script: Russian, Kazakh, Kyrgyz, Mongolian and Uzbek in Cyrillic; English, Indonesian, Tagalog, Vietnamese
 * and Uzbek in Latin letters. Built offline by {@code bench/langid-ngrams/build.py} from openly licensed localisation
 * text, word lists and Ieum's own content (never UDHR, never the development or test data): {@code /language/ngrams.tsv.gz}.
 * Immutable and thread-safe.
 */
final class CharNgrams {
    /** The apostrophes of Uzbek oʻ and gʻ, all read as one (the model is built the same way). */
    private static final String APOSTROPHES = "'‘’ʻʼ`";
    private static final char APOSTROPHE = 'ʻ';
    /** Log values are kept as -16 x value in one unsigned byte (down to -15.9; finer than the model's own error); this byte means none. */
    private static final int NONE = 255;
    private static final double STEP = 16.0;

    /**
     * One script's model: its characters (sorted), the n-grams packed into ints (8 bits a character: its place in the
     * alphabet plus one), sorted, so that every n-gram shorter than the order comes first; quantised log values per
     * language, backoff weights only for those shorter n-grams (the contexts).
     */
    private record Table(List<String> tags, int order, double[] unknown, char[] alphabet, int[] keys, byte[][] logp, byte[][] backoff) {}

    private final Map<Character.UnicodeScript, Table> tables;

    private CharNgrams(Map<Character.UnicodeScript, Table> tables) {
        this.tables = Map.copyOf(tables);
    }

    static CharNgrams fromClasspath() {
        try (InputStream in = CharNgrams.class.getResourceAsStream("/language/ngrams.tsv.gz")) {
            if (in == null) {
                throw new IllegalStateException("/language/ngrams.tsv.gz is missing");
            }
            return read(new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CharNgrams read(BufferedReader reader) throws IOException {
        Map<Character.UnicodeScript, Table> tables = new HashMap<>();
        Character.UnicodeScript script = null;
        List<String> tags = null;
        int order = 0;
        double[] unknown = null;
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (String line = reader.readLine(); ; line = reader.readLine()) {
            if (line == null || line.startsWith("@")) {
                if (script != null) {
                    tables.put(script, table(tags, order, unknown, keys, values));
                }
                if (line == null) {
                    break;
                }
                String[] head = line.split("\t");
                script = head[0].equals("@Cyrl") ? Character.UnicodeScript.CYRILLIC : Character.UnicodeScript.LATIN;
                order = Integer.parseInt(head[1]);
                tags = new ArrayList<>();
                unknown = new double[head.length - 2];
                for (int i = 2; i < head.length; i++) {
                    String[] kv = head[i].split("=");
                    tags.add(kv[0].split("-")[0]);
                    unknown[i - 2] = Double.parseDouble(kv[1]);
                }
                keys = new ArrayList<>();
                values = new ArrayList<>();
                continue;
            }
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            byte[] v = new byte[2 * tags.size()];
            for (int i = 0; i < tags.size(); i++) {
                String cell = i + 1 < cells.length ? cells[i + 1] : "";
                int comma = cell.indexOf(',');
                String p = comma < 0 ? cell : cell.substring(0, comma);
                v[2 * i] = p.isEmpty() ? (byte) NONE : quantise(Double.parseDouble(p));
                v[2 * i + 1] = comma < 0 ? (byte) NONE : quantise(Double.parseDouble(cell.substring(comma + 1)));
            }
            keys.add(cells[0]);
            values.add(v);
        }
        return new CharNgrams(tables);
    }

    private static byte quantise(double log) {
        return (byte) Math.max(0, Math.min(NONE - 1, Math.round(-log * STEP)));
    }

    private static double value(byte b) {
        return -(b & 0xff) / STEP;
    }

    private static Table table(List<String> tags, int order, double[] unknown, List<String> grams, List<byte[]> values) {
        String chars = grams.stream().flatMapToInt(String::chars).distinct().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (chars.length() > 127 || order > 4) {
            throw new IllegalStateException("n-gram model: at most 127 characters (keys stay positive, contexts sort first) and order 4");
        }
        char[] alphabet = chars.toCharArray();
        int[] packed = new int[grams.size()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = pack(indices(alphabet, grams.get(i)), 0, grams.get(i).length());
        }
        Integer[] idx = new Integer[packed.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Integer.compare(packed[a], packed[b]));
        int contexts = (int) grams.stream().filter(g -> g.length() < order).count();
        int[] k = new int[idx.length];
        byte[][] logp = new byte[tags.size()][idx.length];
        byte[][] backoff = new byte[tags.size()][contexts];
        for (int i = 0; i < idx.length; i++) {
            k[i] = packed[idx[i]];
            byte[] v = values.get(idx[i]);
            for (int t = 0; t < tags.size(); t++) {
                logp[t][i] = v[2 * t];
                if (i < contexts) {
                    backoff[t][i] = v[2 * t + 1];
                }
            }
        }
        return new Table(List.copyOf(tags), order, unknown, alphabet, k, logp, backoff);
    }

    /** Each character's place in the alphabet plus one, 0 for a character the model has never seen. */
    private static int[] indices(char[] alphabet, CharSequence s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.binarySearch(alphabet, s.charAt(i)) + 1;
        }
        return out;
    }

    /** The n-gram from..to as a key, or -1 when it holds a character the model has never seen. */
    private static int pack(int[] chars, int from, int to) {
        int key = 0;
        for (int i = from; i < to; i++) {
            if (chars[i] <= 0) {
                return -1;
            }
            key = (key << 8) | chars[i];
        }
        return key;
    }

    /**
     * Log-likelihood (natural log) of each language of {@code script} for the words of {@code text} (lower case, NFC)
     * written in that script, and how many such words there were; empty when the script has no model or no word.
     */
    Scores score(String text, Character.UnicodeScript script) {
        Table table = tables.get(script);
        if (table == null) {
            return new Scores(Map.of(), 0);
        }
        double[] total = new double[table.tags().size()];
        int words = 0;
        StringBuilder word = new StringBuilder(" ");
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean apostrophe = APOSTROPHES.indexOf(c) >= 0;
            if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK || (apostrophe && word.length() > 1)) {
                word.append(apostrophe ? APOSTROPHE : c);
                continue;
            }
            if (word.length() > 1) {
                if (Character.UnicodeScript.of(word.charAt(1)) == script) {
                    word.append(' ');
                    addWord(table, indices(table.alphabet(), word), total);
                    words++;
                }
                word.setLength(1);
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int t = 0; t < total.length; t++) {
            scores.merge(table.tags().get(t), total[t], Math::max);
        }
        return new Scores(scores, words);
    }

    record Scores(Map<String, Double> logLikelihood, int words) {}

    /** Adds log P(word) under each language: each character given up to order - 1 before it, backing off. */
    private static void addWord(Table table, int[] w, double[] total) {
        int order = table.order();
        int langs = total.length;
        // found[n]: where the n characters ending at i are in the table (negative: absent); before: the same at i - 1
        int[] found = new int[order + 1];
        int[] before = new int[order + 1];
        for (int i = 0; i < w.length; i++) {
            int longest = Math.min(order, i + 1);
            for (int n = 1; n <= longest; n++) {
                int key = pack(w, i - n + 1, i + 1);
                found[n] = key < 0 ? -1 : Arrays.binarySearch(table.keys(), key);
            }
            if (i > 0) {
                for (int t = 0; t < langs; t++) {
                    double sum = 0;
                    boolean hit = false;
                    for (int n = longest; n >= 1; n--) {
                        int at = found[n];
                        if (at >= 0 && (table.logp()[t][at] & 0xff) != NONE) {
                            sum += value(table.logp()[t][at]);
                            hit = true;
                            break;
                        }
                        // the n - 1 characters before this one, as a context of this language: its backoff weight
                        int ctx = n > 1 ? before[n - 1] : -1;
                        if (ctx >= 0 && (table.backoff()[t][ctx] & 0xff) != NONE) {
                            sum += value(table.backoff()[t][ctx]);
                        }
                    }
                    total[t] += hit ? sum : sum + table.unknown()[t];
                }
            }
            int[] swap = before;
            before = found;
            found = swap;
        }
    }
}
