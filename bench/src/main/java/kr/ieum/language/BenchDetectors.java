package kr.ieum.language;

import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Builds the service's {@link LanguageDetector} with the service's own wiring ({@link LanguageFactory}: the same
 * OpenNLP model and cue lists), without starting Micronaut or a database. Lives in the bot's package, in the bench
 * module, because that wiring is package-private; it adds no behaviour of its own.
 */
public final class BenchDetectors {
    private BenchDetectors() {}

    /** Our detector exactly as the service builds it. */
    public static LanguageDetector ours() {
        LanguageFactory factory = new LanguageFactory();
        return new LanguageDetector(factory.model(), factory.cues(), factory.romanisedCues(), factory.population(), factory.charNgrams());
    }

    /** A separate copy of the OpenNLP model the service loads (langdetect-183.bin), for OpenNLP used alone. */
    public static LanguageDetectorModel openNlpModel() {
        return new LanguageFactory().model();
    }
}
