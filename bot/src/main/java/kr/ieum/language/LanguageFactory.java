package kr.ieum.language;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import opennlp.tools.langdetect.LanguageDetectorModel;

/** Loads OpenNLP's language model (langdetect-183.bin from opennlp-models-langdetect) and the cue lists once. */
@Factory
class LanguageFactory {

    @Singleton
    LanguageDetectorModel model() {
        try (InputStream in = LanguageFactory.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
                throw new IllegalStateException("langdetect-183.bin is missing: opennlp-models-langdetect must be on the class path");
            }
            return new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Singleton
    RomanisedCues romanisedCues() {
        return RomanisedCues.fromClasspath(List.of("ne", "ur", "bn", "si"));
    }

    @Singleton
    CharNgrams charNgrams() {
        return CharNgrams.fromClasspath();
    }

    @Singleton
    Population population() {
        return Population.fromClasspath();
    }

    @Singleton
    LetterCues cues() {
        return LetterCues.fromClasspath(List.of("en", "id", "tl", "vi", "uz", "ru", "kk", "ky", "mn"));
    }
}
