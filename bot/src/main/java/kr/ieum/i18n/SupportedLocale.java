package kr.ieum.i18n;

import java.util.List;

/**
 * One locale of the registry in {@code locales/locales.yaml}.
 *
 * @param tag       BCP 47 tag
 * @param endonym   the language's name in itself
 * @param script    ISO 15924 script code
 * @param rtl       written right to left
 * @param fallback  where a missing answer is looked up next, in order, ending with {@code en}
 * @param eucKr     text in this locale can usually be sent as EUC-KR (Korean carriers' SMS charset)
 */
public record SupportedLocale(String tag, String endonym, String script, boolean rtl, List<String> fallback, boolean eucKr) {

    public String direction() {
        return rtl ? "rtl" : "ltr";
    }
}
