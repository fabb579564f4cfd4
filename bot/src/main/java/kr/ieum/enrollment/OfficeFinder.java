package kr.ieum.enrollment;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kr.ieum.content.Office;

/**
 * Finds the immigration office for where a resident says they live. Places are kept in Hangul (content/offices.yaml);
 * both they and what the resident typed are romanised with ICU transliterators ({@code Hangul-Latin} for the
 * places, {@code Any-Latin} for the input: Hangul, Latin with or without hyphens and spaces, Cyrillic ...),
 * reduced to lower-case ASCII letters without the administrative suffix (시 si, 구 gu, 군 gun, city, district),
 * then compared exactly or, for longer names, within a small edit distance (older spellings such as "Hwasung").
 */
final class OfficeFinder {
    private static final Pattern SPLIT = Pattern.compile("[\\s,.;:!?/()\\[\\]\"'·]+");
    private static final Pattern HANGUL_SUFFIX = Pattern.compile("(특별시|광역시|특별자치시|특별자치도|시|군|구|도)$");
    private static final Pattern LATIN_SUFFIX = Pattern.compile("-?(si|gu|gun|do|shi|city|district)$");
    private static final Pattern NOT_LETTER = Pattern.compile("[^a-z]");
    private static final int MIN_KEY = 3;
    // ordered: longer spellings first
    // "x": ICU writes Thai's silent carrier อ as x (อันซัน -> xansan), and no Korean romanisation uses x
    private static final String[][] FOLDS = {{"x", ""}, {"kh", "h"}, {"ch", "j"}, {"sh", "s"}, {"eo", "o"}, {"eu", "u"}, {"ae", "e"},
        {"oo", "u"}, {"ee", "i"}, {"ng", "n"}, {"v", "w"}, {"k", "g"}, {"t", "d"}, {"p", "b"}, {"r", "l"}};

    private final Transliterator hangul = Transliterator.getInstance("Hangul-Latin; Latin-ASCII; Lower");
    private final Transliterator any = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
    private final Normalizer2 nfkc = Normalizer2.getNFKCInstance();
    private final Map<String, Office> byKey = new LinkedHashMap<>();

    OfficeFinder(List<Office> offices) {
        for (Office office : offices) {
            for (String place : office.places()) {
                byKey.putIfAbsent(key(hangulKey(place)), office);
            }
        }
    }

    /** What the resident typed matched to an office (or to a place whose office is not known); empty when no place matched. */
    Optional<Match> find(String text) {
        String clean = nfkc.normalize(text == null ? "" : text).strip();
        if (clean.isEmpty() || clean.length() > 200) {
            return Optional.empty();
        }
        List<String> words = List.of(SPLIT.split(clean)).stream().filter(w -> !w.isBlank()).toList();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            candidates.addAll(variants(words.get(i)));
            if (i + 1 < words.size()) {
                candidates.add(words.get(i) + words.get(i + 1));
                if (i + 2 < words.size()) {
                    candidates.add(words.get(i) + words.get(i + 1) + words.get(i + 2));
                }
            }
        }
        for (String candidate : candidates) {
            String k = key(latin(candidate));
            Office exact = k.isEmpty() ? null : byKey.get(k);
            if (exact != null) {
                return Optional.of(new Match(candidate, exact));
            }
        }
        for (String candidate : candidates) {
            String k = key(latin(candidate));
            if (k.length() < 5) {
                continue;
            }
            for (Map.Entry<String, Office> e : byKey.entrySet()) {
                if (Math.abs(e.getKey().length() - k.length()) <= 2 && distance(e.getKey(), k) <= (k.length() >= 7 ? 2 : 1)) {
                    return Optional.of(new Match(candidate, e.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    /** A word and, for Hangul, the word without a trailing particle (안산에서 -> 안산). */
    private static List<String> variants(String word) {
        List<String> out = new ArrayList<>(List.of(word));
        if (word.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL)) {
            for (int cut = 1; cut <= 2 && word.length() - cut >= 2; cut++) {
                out.add(word.substring(0, word.length() - cut));
            }
        }
        return out;
    }

    private String hangulKey(String place) {
        return hangul.transliterate(HANGUL_SUFFIX.matcher(place.strip()).replaceAll(""));
    }

    private String latin(String typed) {
        String s = HANGUL_SUFFIX.matcher(typed).replaceAll("");
        boolean hangulOnly = s.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
        return hangulOnly && !s.isEmpty() ? hangul.transliterate(s) : any.transliterate(s);
    }

    /**
     * Lower-case letters only, without the administrative suffix, with the differences between romanisation
     * systems folded away (Revised Romanisation "eo", McCune-Reischauer "o", Russian "в" for "w", "к" for "g" ...).
     */
    static String key(String latin) {
        String s = latin.toLowerCase(Locale.ROOT).strip();
        s = LATIN_SUFFIX.matcher(s).replaceAll("");
        s = NOT_LETTER.matcher(s).replaceAll("");
        for (String[] fold : FOLDS) {
            s = s.replace(fold[0], fold[1]);
        }
        return s.length() < MIN_KEY ? "" : s;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A place the resident named, and its office ({@link Office#unknown()} when the office is not known). */
    record Match(String place, Office office) {}
}
