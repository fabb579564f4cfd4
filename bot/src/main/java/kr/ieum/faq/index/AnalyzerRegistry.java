package kr.ieum.faq.index;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.RuleBasedBreakIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.bn.BengaliNormalizationFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizerConfig;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One pair of analyzers per locale: {@code words} (the language's own tokenizer, normaliser and light stemmer,
 * without stop-word lists, since short questions need their small words) and {@code grams} (character n-grams
 * of folded words, which forgive typos, missing diacritics, spacing and the suffixes of agglutinative
 * languages). Analyzers are thread-safe and made once per locale.
 */
final class AnalyzerRegistry {
    private static final Pattern APOSTROPHES = Pattern.compile("[ʻʼ'‘’`]");
    private final Map<String, Analyzer> words = new ConcurrentHashMap<>();
    private final Map<String, Analyzer> grams = new ConcurrentHashMap<>();

    Analyzer words(String locale) {
        return words.computeIfAbsent(locale, AnalyzerRegistry::wordAnalyzer);
    }

    Analyzer grams(String locale) {
        return grams.computeIfAbsent(locale, l -> gramAnalyzer(l.equals("ko") || l.startsWith("zh") || l.equals("ja") ? 2 : 3, l.equals("uz")));
    }

    private static Analyzer wordAnalyzer(String locale) {
        return switch (locale) {
            case "ko" -> new KoreanAnalyzer();
            case "ja", "zh-Hant" -> new CJKAnalyzer(CharArraySet.EMPTY_SET);
            case "zh-Hans" -> new SmartChineseAnalyzer(CharArraySet.EMPTY_SET);
            // ICU's dictionary segmentation; Lucene's ThaiTokenizer relies on the JDK's Thai break iterator,
            // which splits words apart without the jdk.localedata dictionary (ดาวน์โหลด → ดาว|น์โหล|ด)
            case "th", "km", "my", "si" -> chain(false, ts -> ts, true);
            case "en" -> chain(false, ts -> new KStemFilter(new EnglishPossessiveFilter(ts)), false);
            case "ru" -> chain(false, RussianLightStemFilter::new, false);
            case "id" -> chain(false, IndonesianStemFilter::new, false);
            case "vi" -> chain(false, ASCIIFoldingFilter::new, false);
            case "bn" -> chain(false, ts -> new BengaliStemFilter(new BengaliNormalizationFilter(new IndicNormalizationFilter(ts))), false);
            case "ne" -> chain(false, ts -> new HindiNormalizationFilter(new IndicNormalizationFilter(ts)), false);
            case "ur" -> chain(false, ts -> new PersianNormalizationFilter(new ArabicNormalizationFilter(new DecimalDigitFilter(ts))), false);
            case "uz" -> chain(true, ts -> ts, false);
            default -> chain(false, ts -> ts, false); // tl, mn, kk, ky: lower-case words; the grams field does the rest
        };
    }

    /** Lucene's ICU tokenizer as {@code new ICUTokenizer()} makes it, with {@link BreakIteratorsPerKind}. */
    static ICUTokenizer icuTokenizer() {
        return new ICUTokenizer(new BreakIteratorsPerKind());
    }

    /**
     * Lucene's default ICU tokenizer configuration, except that a tokenizer keeps one break iterator per kind of rules
     * (Japanese, everything else) instead of one per script it has met. The default hands out a fresh copy of the same
     * rules for each script, so every pooled tokenizer (one per thread and analyzer) grew a break iterator, with its
     * caches, for each of the hundred-odd scripts that text can bring: a heap that grows with the variety of what
     * strangers send (a fuzz run showed it). Sharing is safe within a tokenizer: its runs of one script are broken one
     * after another, each after setting the text again. Tokens are the same (AnalyzerRegistryTest compares them).
     */
    static final class BreakIteratorsPerKind extends ICUTokenizerConfig {
        private static final DefaultICUTokenizerConfig RULES = new DefaultICUTokenizerConfig(true, true);
        private RuleBasedBreakIterator japanese;
        private RuleBasedBreakIterator other;

        @Override
        public RuleBasedBreakIterator getBreakIterator(int script) {
            if (script == UScript.JAPANESE) {
                return japanese == null ? japanese = RULES.getBreakIterator(script) : japanese;
            }
            return other == null ? other = RULES.getBreakIterator(script) : other;
        }

        @Override
        public String getType(int script, int ruleStatus) {
            return RULES.getType(script, ruleStatus);
        }

        @Override
        public boolean combineCJ() {
            return RULES.combineCJ();
        }
    }

    private interface Filters {
        TokenStream apply(TokenStream in);
    }

    private static Analyzer chain(boolean dropApostrophes, Filters filters, boolean icuTokenizer) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = icuTokenizer ? icuTokenizer() : new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, filters.apply(new LowerCaseFilter(tokenizer)));
            }

            @Override
            protected java.io.Reader initReader(String field, java.io.Reader reader) {
                return dropApostrophes ? new PatternReplaceCharFilter(APOSTROPHES, "", reader) : reader;
            }
        };
    }

    private static Analyzer gramAnalyzer(int size, boolean dropApostrophes) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = icuTokenizer();
                TokenStream ts = new NGramTokenFilter(new ASCIIFoldingFilter(new ICUNormalizer2Filter(tokenizer)), size, size, true);
                return new TokenStreamComponents(tokenizer, ts);
            }

            @Override
            protected java.io.Reader initReader(String field, java.io.Reader reader) {
                return dropApostrophes ? new PatternReplaceCharFilter(APOSTROPHES, "", reader) : reader;
            }
        };
    }
}
