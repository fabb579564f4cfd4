package kr.ieum.bench.jmh;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.concurrent.TimeUnit;
import kr.ieum.language.BenchDetectors;
import kr.ieum.language.LanguageDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/** Language identification of short messages: ours, OpenNLP alone and Lingua restricted to our shared languages. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LanguageIdBenchmark {
    /** Short messages in scripts that take different paths: Latin (OpenNLP + cues), Cyrillic, Hangul (script alone), Han. */
    @Param({"tai ung dung o dau", "how do I get the mobile ID", "мобильная карта иностранца", "모바일 외국인등록증 발급", "手机登录证怎么申请"})
    public String text;

    private LanguageDetector ours;
    private LanguageDetectorModel model;
    private com.github.pemistahl.lingua.api.LanguageDetector lingua;

    @Setup
    public void setUp() {
        ours = BenchDetectors.ours();
        model = BenchDetectors.openNlpModel();
        lingua = LanguageDetectorBuilder.fromLanguages(Language.KOREAN, Language.ENGLISH, Language.CHINESE, Language.VIETNAMESE,
                Language.THAI, Language.RUSSIAN, Language.MONGOLIAN, Language.INDONESIAN, Language.TAGALOG, Language.BENGALI,
                Language.URDU, Language.JAPANESE, Language.KAZAKH).withPreloadedLanguageModels().build();
    }

    @Benchmark
    public Object ours() {
        return ours.detect(text);
    }

    @Benchmark
    public Object openNlpAlone() {
        return new LanguageDetectorME(model).predictLanguage(text);
    }

    @Benchmark
    public Object linguaRestricted() {
        return lingua.detectLanguageOf(text);
    }
}
