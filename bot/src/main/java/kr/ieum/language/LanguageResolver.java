package kr.ieum.language;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the language of a turn: the resident's explicit choice, then their known (sticky) language, which
 * only strong evidence in this message changes, then a confident detection, then the channel's hint (a
 * client locale, a phone number's country), else nothing (the caller asks with the language menu).
 */
@Singleton
public class LanguageResolver {
    /** Detection confidence from which a new contact's language is taken from their message alone. */
    static final double CONFIDENT = 0.6;
    private static final Map<String, String> COUNTRY_LANGUAGE = Map.ofEntries(
            Map.entry("VN", "vi"), Map.entry("NP", "ne"), Map.entry("UZ", "uz"), Map.entry("KH", "km"),
            Map.entry("TH", "th"), Map.entry("ID", "id"), Map.entry("PH", "tl"), Map.entry("MN", "mn"),
            Map.entry("MM", "my"), Map.entry("RU", "ru"), Map.entry("LK", "si"), Map.entry("BD", "bn"),
            Map.entry("PK", "ur"), Map.entry("JP", "ja"), Map.entry("KZ", "kk"), Map.entry("KG", "ky"),
            Map.entry("CN", "zh-Hans"), Map.entry("TW", "zh-Hant"), Map.entry("HK", "zh-Hant"),
            Map.entry("US", "en"), Map.entry("GB", "en"), Map.entry("AU", "en"), Map.entry("CA", "en"));

    private final LanguageDetector detector;

    LanguageResolver(LanguageDetector detector) {
        this.detector = detector;
    }

    /**
     * What the turn's language evidence is.
     *
     * @param tentative true when the language is only the detector's unsure best guess for a contact with no known
     *                  language and no channel hint: it is used for this reply but not kept, and the resident is
     *                  offered the likeliest languages
     */
    public record Resolution(String language, LanguageGuess guess, boolean tentative) {

        public Resolution(String language, LanguageGuess guess) {
            this(language, guess, false);
        }
    }

    public Resolution resolve(String text, String known, boolean explicit, String hint) {
        LanguageGuess guess = detector.detect(text);
        if (known != null && explicit) {
            return new Resolution(known, guess);
        }
        if (known != null) {
            boolean switchTo = guess.known() && !guess.tag().equals(known) && guess.decisive() && guess.confidence() >= CONFIDENT;
            return new Resolution(switchTo ? guess.tag() : known, guess);
        }
        if (guess.known() && (guess.confidence() >= CONFIDENT || guess.decisive()) && (hint == null || guess.decisive())) {
            return new Resolution(guess.tag(), guess);
        }
        if (hint != null) {
            return new Resolution(hint, guess);
        }
        return new Resolution(guess.known() ? guess.tag() : null, guess, guess.known());
    }

    /** The language a phone number's country suggests ({@code +84…} → vi), if any; Korean numbers say nothing. */
    public Optional<String> hintFromPhone(String e164) {
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            String region = util.getRegionCodeForNumber(util.parse(e164, "KR"));
            return Optional.ofNullable(region == null ? null : COUNTRY_LANGUAGE.get(region));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
