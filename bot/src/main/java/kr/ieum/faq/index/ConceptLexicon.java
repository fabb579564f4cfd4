package kr.ieum.faq.index;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The concepts a text mentions, read with the concept lexicon ({@code content/concepts/<locale>.yaml}): each locale's
 * words and spellings mapped to concept ids shared by all locales, so that "phone" and "card", which occur in nearly
 * every question, still tell "my phone is lost" from "my card is lost", and a question in one language meets the
 * phrasings of every other.
 *
 * <p>An entry matches whole words in a row; one ending in {@code *} matches words that start with it. Entries in a
 * script written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) match anywhere. Matching looks words
 * up in hash maps (and each word's prefixes up to {@link #MAX_PREFIX} characters), so its cost is linear in the text.
 * Immutable and thread-safe.
 */
public final class ConceptLexicon {
    public static final ConceptLexicon EMPTY = new ConceptLexicon(Map.of());
    private static final int MAX_PREFIX = 24;
    private static final int MAX_TEXT = 600;

    /** One entry: its words (the last may be a prefix) and its concept. */
    private record Entry(String[] words, boolean prefix, String concept) {}

    /** An entry of a script without spaces: matched as a substring of the text without its spaces. */
    private record Unspaced(String text, String concept) {}

    private static final class Lexicon {
        final Map<String, List<Entry>> byFirstWord = new HashMap<>();
        final Map<String, List<Entry>> byFirstPrefix = new HashMap<>();
        final List<Unspaced> unspaced = new ArrayList<>();
    }

    private final Map<String, Lexicon> lexicons = new HashMap<>();

    /** @param concepts locale → concept id → entries, as {@code ContentService.concepts()} gives them */
    public ConceptLexicon(Map<String, Map<String, List<String>>> concepts) {
        concepts.forEach((locale, byConcept) -> {
            Lexicon lexicon = new Lexicon();
            byConcept.forEach((concept, entries) -> entries.forEach(e -> add(lexicon, concept, e)));
            lexicons.put(locale, lexicon);
        });
    }

    /** The locales that have a lexicon. */
    public Set<String> locales() {
        return lexicons.keySet();
    }

    public boolean isEmpty() {
        return lexicons.isEmpty();
    }

    private static void add(Lexicon lexicon, String concept, String raw) {
        boolean prefix = raw.endsWith("*");
        String text = normalise(prefix ? raw.substring(0, raw.length() - 1) : raw);
        if (unspacedScript(text)) {
            String joined = text.replace(" ", "");
            if (!joined.isEmpty()) {
                lexicon.unspaced.add(new Unspaced(joined, concept));
            }
            return;
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            return;
        }
        Entry entry = new Entry(words.toArray(String[]::new), prefix, concept);
        if (prefix && words.size() == 1) {
            lexicon.byFirstPrefix.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(entry);
        } else {
            lexicon.byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(entry);
        }
    }

    /** The concept ids that {@code text} mentions, read with the lexicons of {@code locales} (unknown ones are skipped). */
    public Set<String> concepts(String text, Collection<String> locales) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null || text.isEmpty() || lexicons.isEmpty()) {
            return found;
        }
        String normalised = normalise(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        List<String> words = words(normalised);
        String unspaced = null;
        for (String locale : locales) {
            Lexicon lexicon = lexicons.get(locale);
            if (lexicon == null) {
                continue;
            }
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                for (Entry e : lexicon.byFirstWord.getOrDefault(word, List.of())) {
                    if (matches(e, words, i)) {
                        found.add(e.concept());
                    }
                }
                for (int len = 1; len <= Math.min(word.length(), MAX_PREFIX); len++) {
                    for (Entry e : lexicon.byFirstPrefix.getOrDefault(word.substring(0, len), List.of())) {
                        found.add(e.concept());
                    }
                }
            }
            if (!lexicon.unspaced.isEmpty()) {
                if (unspaced == null) {
                    unspaced = normalised.replace(" ", "");
                }
                for (Unspaced u : lexicon.unspaced) {
                    if (unspaced.contains(u.text())) {
                        found.add(u.concept());
                    }
                }
            }
        }
        return found;
    }

    /** True when entry {@code e} (whose first word equals words[start]) matches the words from {@code start} on. */
    private static boolean matches(Entry e, List<String> words, int start) {
        if (start + e.words().length > words.size()) {
            return false;
        }
        for (int k = 1; k < e.words().length; k++) {
            String w = words.get(start + k);
            boolean last = k == e.words().length - 1;
            if (last && e.prefix() ? !w.startsWith(e.words()[k]) : !w.equals(e.words()[k])) {
                return false;
            }
        }
        return e.words().length > 1 || !e.prefix();
    }

    /**
     * NFKC, lower case, ASCII digits for the digits of every script (২০২১ is 2021), one apostrophe for the several that
     * Uzbek and English are typed with.
     */
    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f && Character.isDigit(c)) {
                out.append((char) ('0' + Character.digit(c, 10)));
                continue;
            }
            out.append(switch (c) {
                case 'ʻ', 'ʼ', '‘', '’', '`', '´' -> '\'';
                default -> c;
            });
        }
        return out.toString();
    }

    /** Words: runs of letters, digits and marks, with ' and - kept inside a word (o'g'il, e-9). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            boolean part = Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK
                    || c == '\u200c' || c == '\u200d' || Character.isSurrogate(c)
                    || ((c == '\'' || c == '-') && start >= 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1)));
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    private static boolean unspacedScript(String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                    || script == Character.UnicodeScript.LAO || script == Character.UnicodeScript.KHMER
                    || script == Character.UnicodeScript.MYANMAR;
        });
    }
}
