package kr.ieum.faq.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The index on its own: ranking, confidence, near-real-time replacement. */
class FaqIndexTest {

    private static FaqIndex index(List<FaqIndex.Phrase> phrases) {
        FaqIndex index = new FaqIndex(FaqIndex.Weights.DEFAULT);
        index.replace(phrases.stream().map(p -> FaqIndex.key(p.topic(), p.locale())).distinct().toList(), phrases);
        return index;
    }

    @Test
    void topicIdsMayContainSlashes() throws Exception {
        // intent data sets name intents "reminder/set_reminder"; the topic documents must keep them whole
        try (FaqIndex index = index(List.of(
                new FaqIndex.Phrase("alarm/set_alarm", "en", "wake me up at seven"),
                new FaqIndex.Phrase("alarm/set_alarm", "en", "set an alarm for 6 am"),
                new FaqIndex.Phrase("weather/find", "en", "will it rain tomorrow"),
                new FaqIndex.Phrase("weather/find", "en", "what is the weather like today")))) {
            List<TopicHit> alarm = index.search("set an alarm to wake me up", "en", 2);
            assertEquals("alarm/set_alarm", alarm.get(0).topic());
            assertEquals("en", alarm.get(0).locale());
            assertEquals("weather/find", index.search("rain tomorrow?", "en", 2).get(0).topic());
        }
    }

    @Test
    void anExactPhrasingIsConfidentAndUnrelatedWordsAreNot() throws Exception {
        try (FaqIndex index = index(List.of(
                new FaqIndex.Phrase("mobile-id-cost", "en", "how much does the mobile residence card cost"),
                new FaqIndex.Phrase("mobile-id-cost", "en", "is it free"),
                new FaqIndex.Phrase("mobile-id-app", "en", "which app do I need"),
                new FaqIndex.Phrase("mobile-id-app", "en", "where do I download the app")))) {
            // an exact phrasing: answered (well above the 0.5 threshold) and ahead of the other topic
            List<TopicHit> free = index.search("is it free", "en", 2);
            assertEquals("mobile-id-cost", free.get(0).topic());
            assertTrue(free.get(0).confidence() >= 0.8, free.toString());
            List<TopicHit> kimchi = index.search("best kimchi recipe", "en", 1);
            assertTrue(kimchi.isEmpty() || kimchi.get(0).confidence() < 0.3, kimchi.toString());
        }
    }

    @Test
    void replacingATopicTakesEffectAtOnce() throws Exception {
        try (FaqIndex index = index(List.of(new FaqIndex.Phrase("hikorea", "en", "what is hikorea")))) {
            assertEquals("hikorea", index.search("what is hikorea", "en", 1).get(0).topic());
            index.replace(List.of(FaqIndex.key("hikorea", "en")), List.of(new FaqIndex.Phrase("hikorea", "en", "book a visit online")));
            assertEquals(1.0, index.search("book a visit online", "en", 1).get(0).confidence(), 1e-9);
            assertTrue(index.search("what is hikorea", "en", 1).stream().allMatch(h -> h.confidence() < 0.5));
        }
    }
}
