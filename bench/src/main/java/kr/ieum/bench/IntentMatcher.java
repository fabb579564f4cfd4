package kr.ieum.bench;

import java.util.ArrayList;
import java.util.List;
import kr.ieum.faq.index.FaqIndex;
import kr.ieum.faq.index.TopicHit;

/**
 * Our matcher on an intent data set: each intent is a topic, each training utterance one of its phrasings (as a
 * topic's question and alternates are indexed), in one locale, searched with the service's analysis and confidence.
 */
final class IntentMatcher implements AutoCloseable {
    /** An utterance and its intent. */
    record Example(String text, String intent) {}

    /** Best topic and its confidence; topic null when nothing matched. */
    record Prediction(String intent, double confidence) {}

    private final FaqIndex index;
    private final String locale;
    final double buildMillis;

    IntentMatcher(List<Example> training, String locale, float gramWeight) {
        this.locale = locale;
        this.index = new FaqIndex(gramWeight);
        List<FaqIndex.Phrase> phrases = new ArrayList<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (Example e : training) {
            phrases.add(new FaqIndex.Phrase(e.intent(), locale, e.text()));
            keys.add(FaqIndex.key(e.intent(), locale));
        }
        long t0 = System.nanoTime();
        index.replace(keys, phrases);
        buildMillis = (System.nanoTime() - t0) / 1e6;
    }

    Prediction predict(String text) {
        List<TopicHit> hits = index.search(text, locale, 1);
        return hits.isEmpty() ? new Prediction(null, 0) : new Prediction(hits.get(0).topic(), hits.get(0).confidence());
    }

    @Override
    public void close() throws Exception {
        index.close();
    }
}
