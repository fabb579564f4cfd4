package kr.ieum.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evidence for one language over the others of its script: letters only one of them uses
 * (Vietnamese ơ ư đ and tone marks, Kazakh ә ұ һ і, Uzbek oʻ gʻ ў), letters a few share (ң ө ү),
 * and frequent function words. Each kind of evidence multiplies that language's probability.
 */
final class LetterCues {
    /** Letters of Vietnamese that none of our other Latin-script languages write. */
    private static final String VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    private static final Pattern UZBEK_LATIN = Pattern.compile("[og][ʻʼ'‘’`]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}ʻʼ'’]+");
    /** Prefixes and suffixes typical of one Latin-script language and rare in the others. */
    private static final Map<String, Pattern> AFFIXES = Map.of(
            "id", Pattern.compile("^(?:meng|meny|mem|men|ber|ter|per|peng|pem|pen|ke)\\p{L}{3,}|\\p{L}{3,}(?:kan|nya|lah|kah|isasi)$"),
            "tl", Pattern.compile("^(?:nag|mag|pag|naka|maka|nakaka|ipa|pinag|ika|mang|nang|pang|pinaka|um)\\p{L}{3,}|\\p{L}{2,}(?:hin|han|[aeiou]\\p{L}*[oie]ng)$|^\\p{L}*(?:[aeiou])-\\p{L}+"),
            "en", Pattern.compile("\\p{L}{2,}(?:tion|tions|ing|ed|ly|ness|ment|ments|ous|ful|able|ship|ity|ies|er|ers)$|th|wh|ck|ght|ee|oo|ou"));
    private static final double AFFIX_FACTOR = 2.5;
    /** Longer "words" (a flood of letters) are not checked for affixes. */
    private static final int MAX_AFFIX_WORD = 40;
    private static final double DECISIVE = 40;
    private static final double WORD_FACTOR = 3;
    private static final double MAX_WORD_FACTOR = 60;

    private final Map<String, Set<String>> functionWords;

    LetterCues(Map<String, Set<String>> functionWords) {
        this.functionWords = Map.copyOf(functionWords);
    }

    /** Loads the function-word lists shipped under {@code /language/cues/<tag>.txt}. */
    static LetterCues fromClasspath(List<String> tags) {
        Map<String, Set<String>> words = new HashMap<>();
        for (String tag : tags) {
            try (InputStream in = LetterCues.class.getResourceAsStream("/language/cues/" + tag + ".txt")) {
                if (in == null) {
                    continue;
                }
                Set<String> set = new HashSet<>();
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(set::add);
                words.put(tag, set);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LetterCues(words);
    }

    record Evidence(Map<String, Double> factors, Set<String> decisive, int words) {}

    /** Weighs {@code text} (lower case, NFC) for the given candidate languages. */
    Evidence weigh(String text, Set<String> candidates) {
        Map<String, Double> factors = new HashMap<>();
        Set<String> decisive = new HashSet<>();
        int vietnamese = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (VIETNAMESE.indexOf(c) >= 0) {
                vietnamese++;
            }
            switch (c) {
                case 'ә', 'ұ', 'һ', 'і' -> mark(factors, decisive, "kk", DECISIVE, true);
                case 'ғ', 'қ' -> {
                    mark(factors, decisive, "kk", 8, false);
                    mark(factors, decisive, "uz", 4, false);
                }
                case 'ў' -> mark(factors, decisive, "uz", DECISIVE, true);
                case 'ҳ' -> mark(factors, decisive, "uz", 10, false);
                case 'ң' -> {
                    mark(factors, decisive, "kk", 4, false);
                    mark(factors, decisive, "ky", 5, false);
                }
                case 'ө', 'ү' -> {
                    mark(factors, decisive, "kk", 3, false);
                    mark(factors, decisive, "ky", 4, false);
                    mark(factors, decisive, "mn", 4, false);
                }
                default -> { }
            }
        }
        if (vietnamese > 0) {
            mark(factors, decisive, "vi", DECISIVE, true);
        }
        if (UZBEK_LATIN.matcher(text).find() && candidates.contains("uz")) {
            mark(factors, decisive, "uz", DECISIVE, true);
        }
        int words = 0;
        Map<String, Double> wordFactors = new HashMap<>();
        var m = WORD.matcher(text);
        while (m.find()) {
            words++;
            String word = m.group();
            for (String tag : candidates) {
                if (functionWords.getOrDefault(tag, Set.of()).contains(word)) {
                    wordFactors.merge(tag, WORD_FACTOR, (a, b) -> Math.min(MAX_WORD_FACTOR, a * b));
                }
            }
        }
        wordFactors.forEach((tag, f) -> factors.merge(tag, f, (a, b) -> a * b));
        if (words <= 3) {
            // affixes matter for single words; in longer messages the model and the function words decide
            m = WORD.matcher(text);
            while (m.find()) {
                String word = m.group();
                if (word.length() > MAX_AFFIX_WORD) {
                    // no real word is this long; the affix patterns would cost time growing with its square
                    continue;
                }
                AFFIXES.forEach((tag, affix) -> {
                    // a language that is no candidate would be dropped below: its pattern is not run
                    if (candidates.contains(tag) && affix.matcher(word).find()) {
                        factors.merge(tag, AFFIX_FACTOR, (a, b) -> a * b);
                    }
                });
            }
        }
        factors.keySet().retainAll(candidates);
        decisive.retainAll(candidates);
        return new Evidence(factors, decisive, words);
    }

    private static void mark(Map<String, Double> factors, Set<String> decisive, String tag, double factor, boolean isDecisive) {
        factors.merge(tag, factor, Math::max);
        if (isDecisive) {
            decisive.add(tag);
        }
    }
}
