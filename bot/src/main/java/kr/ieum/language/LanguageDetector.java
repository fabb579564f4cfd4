package kr.ieum.language;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.LanguageDetectorContextGenerator;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Finds the language of a short message among Ieum's locales, with no priors: script analysis first
 * (a script only one of our languages uses decides alone), then, for the scripts several of our languages
 * share (Latin, Cyrillic, Han), OpenNLP's detector restricted to those languages, weighed with letter and
 * function-word cues, the resident population and, for Latin and Cyrillic, character n-gram models of words
 * ({@link CharNgrams}). Thread-safe; the model is loaded once. OpenNLP's model is asked directly (the same features
 * and probabilities as its {@code LanguageDetectorME}, without ranking all its 103 languages on every call).
 */
@Singleton
public final class LanguageDetector {
    /** Scripts that only one of our languages uses. */
    private static final Map<Integer, String> UNIQUE_SCRIPTS = Map.of(
            UScript.HANGUL, "ko",
            UScript.THAI, "th",
            UScript.KHMER, "km",
            UScript.MYANMAR, "my",
            UScript.SINHALA, "si",
            UScript.BENGALI, "bn",
            UScript.ARABIC, "ur",
            UScript.DEVANAGARI, "ne");

    /**
     * OpenNLP's languages (ISO 639-3) that count for ours in Latin and Cyrillic letters: its model tells
     * close relatives apart (Malay from Indonesian) on features too fine for a short message, so their share goes to ours.
     */
    // ordered maps: when nothing tells candidates apart, the tie breaks the same way in every run
    private static final Map<String, String> LATIN = ordered(
            "eng", "en", "ind", "id", "msa", "id", "vie", "vi", "tgl", "tl", "uzb", "uz");
    private static final Map<String, String> CYRILLIC = ordered(
            "rus", "ru", "kaz", "kk", "kir", "ky", "mon", "mn", "uzb", "uz");

    private static final Pattern NOISE = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)\\S+|\\S+@\\S+\\.\\S+|[@#]\\w+");
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    private final MaxentModel maxent;
    /** Immutable (its normalisers are shared singletons), so one serves every call. */
    private final LanguageDetectorContextGenerator contextGenerator;
    /** Where each OpenNLP language of {@link #LATIN} and {@link #CYRILLIC} is among the model's outcomes (absent: none). */
    private final Map<String, Integer> outcomeIndex = new HashMap<>();
    private final LetterCues cues;
    private final Population population;
    private final double priorWeight;
    /**
     * How much the resident population weighs between languages of one script ({@link Population}); chosen on the
     * development data (Lingua's test set and bench/langid-dev, never UDHR): bench/results/langid.md.
     */
    static final double PRIOR_WEIGHT = 0.05;
    private final RomanisedCues romanised;
    private final HanVariants hanVariants = HanVariants.fromClasspath();

    private final CharNgrams ngrams;
    private final double ngramWeight;
    /**
     * How much the character n-gram models ({@link CharNgrams}) weigh against OpenNLP and the cues: their
     * log-likelihoods, per word, times this weight, multiply each candidate's score. Chosen on the development data
     * (Lingua's test set and bench/langid-dev, never UDHR): bench/results/langid.md.
     */
    static final double NGRAM_WEIGHT = 0.15;
    /** Words past the first count less: the n-gram evidence of a message grows as the square root of its words. */
    static final double NGRAM_WORD_EXPONENT = 0.5;

    @jakarta.inject.Inject
    LanguageDetector(LanguageDetectorModel model, LetterCues cues, RomanisedCues romanised, Population population, CharNgrams ngrams) {
        this(model, cues, romanised, population, PRIOR_WEIGHT, ngrams, NGRAM_WEIGHT);
    }

    LanguageDetector(LanguageDetectorModel model, LetterCues cues, RomanisedCues romanised, Population population, double priorWeight,
            CharNgrams ngrams, double ngramWeight) {
        this.maxent = model.getMaxentModel();
        this.contextGenerator = model.getFactory().getContextGenerator();
        for (Map<String, String> languages : List.of(LATIN, CYRILLIC)) {
            for (String outcome : languages.keySet()) {
                int index = maxent.getIndex(outcome);
                if (index >= 0) {
                    outcomeIndex.put(outcome, index);
                }
            }
        }
        this.cues = cues;
        this.romanised = romanised;
        this.population = population;
        this.priorWeight = priorWeight;
        this.ngrams = ngrams;
        this.ngramWeight = ngramWeight;
    }

    /** Detects the language of {@code text}; never throws, answers {@link LanguageGuess#none()} for no letters. */
    public LanguageGuess detect(String text) {
        if (text == null) {
            return LanguageGuess.none();
        }
        String clean = NFC.normalize(mayHoldNoise(text) ? NOISE.matcher(text).replaceAll(" ") : text).toLowerCase(Locale.ROOT).strip();
        ScriptProfile profile = ScriptProfile.of(clean);
        if (profile.letters() == 0) {
            return LanguageGuess.none();
        }
        int script = decidingScript(profile);
        String unique = UNIQUE_SCRIPTS.get(script);
        if (unique != null) {
            return single(unique, profile.share(script), profile.count(script));
        }
        if (script == UScript.HIRAGANA || script == UScript.KATAKANA) {
            return single("ja", profile.share(script) + profile.share(UScript.HAN), profile.letters());
        }
        if (script == UScript.HAN) {
            return han(clean, profile);
        }
        if (script == UScript.CYRILLIC) {
            return shared(clean, CYRILLIC, Character.UnicodeScript.CYRILLIC);
        }
        if (script == UScript.LATIN) {
            return romanised.read(clean).orElseGet(() -> shared(clean, LATIN, Character.UnicodeScript.LATIN));
        }
        return LanguageGuess.none();
    }

    /** False when {@link #NOISE} cannot match: no '@' or '#', no "://" and no "www." in any case (most messages). */
    private static boolean mayHoldNoise(String text) {
        if (text.indexOf('@') >= 0 || text.indexOf('#') >= 0 || text.contains("://")) {
            return true;
        }
        for (int i = text.indexOf('.'); i >= 3; i = text.indexOf('.', i + 1)) {
            if (text.regionMatches(true, i - 3, "www", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The script that decides: the most used one, except that Latin letters mixed into another script
     * (English words such as "app", "IC", "NFC" in a Korean or Thai message) do not outvote it.
     */
    private static int decidingScript(ScriptProfile profile) {
        int kana = profile.count(UScript.HIRAGANA) + profile.count(UScript.KATAKANA);
        if (kana > 0 && profile.count(UScript.HANGUL) == 0) {
            return profile.count(UScript.HIRAGANA) >= profile.count(UScript.KATAKANA) ? UScript.HIRAGANA : UScript.KATAKANA;
        }
        int dominant = profile.dominant();
        if (dominant != UScript.LATIN) {
            return dominant;
        }
        int best = UScript.LATIN;
        int bestCount = 0;
        for (int s : new int[] {UScript.HANGUL, UScript.HAN, UScript.CYRILLIC, UScript.THAI, UScript.KHMER,
                UScript.MYANMAR, UScript.SINHALA, UScript.BENGALI, UScript.ARABIC, UScript.DEVANAGARI}) {
            if (profile.count(s) > bestCount) {
                best = s;
                bestCount = profile.count(s);
            }
        }
        // another script with at least a fifth of the letters wins over Latin loanwords
        return bestCount > 0 && bestCount * 5 >= profile.letters() ? best : UScript.LATIN;
    }

    private static LanguageGuess single(String tag, double share, int letters) {
        double confidence = Math.min(0.99, 0.6 + 0.39 * Math.min(1.0, share) * Math.min(1.0, letters / 3.0));
        return new LanguageGuess(tag, round(confidence), true, List.of(new LanguageGuess.Candidate(tag, round(confidence))));
    }

    /** Han without kana: Chinese, Simplified or Traditional by the characters only one of them uses. */
    private LanguageGuess han(String clean, ScriptProfile profile) {
        boolean hasTraditional = hanVariants.hasTraditional(clean);
        boolean hasSimplified = hanVariants.hasSimplified(clean);
        double confidence = Math.min(0.95, 0.6 + 0.1 * profile.count(UScript.HAN));
        if (hasTraditional && !hasSimplified) {
            return pair("zh-Hant", "zh-Hans", confidence, false);
        }
        // Simplified-only characters, or characters both forms share: most of our Chinese readers use Simplified.
        // Never decisive: Japanese written in kanji alone looks the same, so Han text does not flip a known language.
        return pair("zh-Hans", "zh-Hant", hasSimplified ? confidence : Math.min(confidence, 0.7), false);
    }

    private static LanguageGuess pair(String first, String second, double confidence, boolean decisive) {
        return new LanguageGuess(first, round(confidence), decisive, List.of(
                new LanguageGuess.Candidate(first, round(confidence)),
                new LanguageGuess.Candidate(second, round(1 - confidence))));
    }

    /** A script several of our languages share: OpenNLP restricted to them, weighed with cues. */
    private LanguageGuess shared(String clean, Map<String, String> languages, Character.UnicodeScript script) {
        double[] predicted = openNlp(clean);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String tag : languages.values()) {
            scores.put(tag, 1e-4);
        }
        languages.forEach((outcome, tag) -> {
            Integer index = outcomeIndex.get(outcome);
            if (index != null) {
                scores.merge(tag, predicted[index], Math::max);
            }
        });
        normalise(scores);
        LetterCues.Evidence evidence = cues.weigh(clean, scores.keySet());
        evidence.factors().forEach((tag, factor) -> scores.computeIfPresent(tag, (k, v) -> v * factor));
        scores.replaceAll((tag, v) -> v * population.prior(tag, priorWeight));
        normalise(scores);
        if (ngramWeight > 0) {
            CharNgrams.Scores ll = ngrams.score(clean, script);
            if (ll.words() > 0) {
                double best = ll.logLikelihood().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                double scale = ngramWeight / Math.pow(ll.words(), 1 - NGRAM_WORD_EXPONENT);
                scores.replaceAll((tag, v) -> {
                    Double l = ll.logLikelihood().get(tag);
                    return l == null ? v : v * Math.exp(scale * (l - best));
                });
                normalise(scores);
            }
        }
        List<LanguageGuess.Candidate> candidates = new ArrayList<>();
        scores.forEach((tag, p) -> candidates.add(new LanguageGuess.Candidate(tag, round(p))));
        candidates.sort(Comparator.comparingDouble(LanguageGuess.Candidate::confidence).reversed());
        LanguageGuess.Candidate top = candidates.get(0);
        boolean decisive = evidence.decisive().contains(top.tag()) || (evidence.words() >= 4 && top.confidence() >= 0.8);
        return new LanguageGuess(top.tag(), top.confidence(), decisive, List.copyOf(candidates));
    }

    /**
     * OpenNLP's probability of each of its languages for {@code clean}, as {@code LanguageDetectorME.predictLanguages}
     * computes them: its context generator's n-grams, each distinct one once with the value 1, in the order of a
     * {@link HashSet} (the order of the HashMap it counts them in, so that the sums are the same to the last bit).
     */
    private double[] openNlp(String clean) {
        Set<CharSequence> distinct = new HashSet<>();
        for (CharSequence gram : contextGenerator.<CharSequence>getContext(clean)) {
            distinct.add(gram);
        }
        String[] features = new String[distinct.size()];
        int i = 0;
        for (CharSequence gram : distinct) {
            features[i++] = gram.toString();
        }
        float[] values = new float[features.length];
        Arrays.fill(values, 1f);
        return maxent.eval(features, values);
    }

    private static void normalise(Map<String, Double> scores) {
        double sum = scores.values().stream().mapToDouble(Double::doubleValue).sum();
        scores.replaceAll((k, v) -> v / sum);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
