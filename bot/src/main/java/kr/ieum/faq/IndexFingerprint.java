package kr.ieum.faq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kr.ieum.content.Localization;
import kr.ieum.faq.index.FaqIndex;

/**
 * What a saved answer index was built from: every published phrasing (and answer), the concept lexicon, the weights,
 * and the code that analyses text (the index classes' bytes, Lucene's and ICU's versions). A saved index is used only
 * when all of it is the same, so a content change, a new lexicon entry or a new build of the analysers builds it again.
 */
final class IndexFingerprint {
    private IndexFingerprint() {}

    static String of(List<Localization> localizations, Map<String, Map<String, List<String>>> concepts, FaqIndex.Weights weights) {
        MessageDigest digest = sha256();
        update(digest, "format 1");
        update(digest, weights.toString());
        update(digest, FaqIndex.codeVersion());
        Map<String, Map<String, List<String>>> sorted = new TreeMap<>();
        concepts.forEach((locale, byConcept) -> sorted.put(locale, new TreeMap<>(byConcept)));
        update(digest, sorted.toString());
        List<Localization> ordered = localizations.stream()
                .sorted(Comparator.comparing(Localization::topic).thenComparing(Localization::locale)).toList();
        for (Localization l : ordered) {
            update(digest, l.topic() + "/" + l.locale());
            update(digest, l.question());
            l.alternates().forEach(a -> update(digest, a));
            update(digest, weights.answerShare() > 0 ? l.answer() : "");
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
