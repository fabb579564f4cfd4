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
    void conceptsCarryAQuestionToTheTopicWhoseWordsItDoesNotShare() throws Exception {
        ConceptLexicon lexicon = new ConceptLexicon(java.util.Map.of(
                "en", java.util.Map.of("phone", List.of("phone*"), "card", List.of("card*", "arc"), "lost", List.of("lost", "lose")),
                "vi", java.util.Map.of("phone", List.of("điện thoại", "dt"), "card", List.of("thẻ"), "lost", List.of("mất"))));
        try (FaqIndex index = new FaqIndex(FaqIndex.Weights.DEFAULT, lexicon)) {
            List<FaqIndex.Phrase> phrases = List.of(
                    new FaqIndex.Phrase("lost-phone", "en", "I lost my phone, what happens to the mobile card"),
                    new FaqIndex.Phrase("lost-phone", "en", "phone stolen"),
                    new FaqIndex.Phrase("lost-card", "en", "I lost my card"),
                    new FaqIndex.Phrase("lost-card", "en", "ARC lost, how do I get a new one"),
                    new FaqIndex.Phrase("lost-card", "vi", "làm lại thẻ cư trú ở đâu"));
            index.replace(List.of("lost-phone/en", "lost-card/en", "lost-card/vi"), phrases);
            // Vietnamese has no phrasing of lost-phone, and "mất dt" shares no word with any phrasing: only concepts see it
            java.util.Set<String> asked = index.concepts("mình bị mất dt rồi", "vi");
            assertEquals(java.util.Set.of("lost", "phone"), asked);
            java.util.Map<String, Double> byConcept = index.searchConcepts(asked);
            assertTrue(byConcept.get("lost-phone") > byConcept.getOrDefault("lost-card", 0.0), byConcept.toString());
            assertEquals(java.util.Set.of("lost", "card"), index.concepts("mất thẻ", "vi"));
            java.util.Map<String, Double> card = index.searchConcepts(index.concepts("mất thẻ", "vi"));
            assertTrue(card.get("lost-card") > card.getOrDefault("lost-phone", 0.0), card.toString());
            // how much each concept belongs to a topic, over all its phrasings
            assertEquals(1.0, index.conceptShare("lost-phone", "phone"));
            assertEquals(0.0, index.conceptShare("lost-card", "phone"));
            assertEquals(1.0, index.conceptShare("lost-card", "card"));
            // replacing a locale's phrasings replaces its concepts
            index.replace(List.of("lost-card/vi"), List.of());
            assertEquals(1.0, index.conceptShare("lost-card", "card"));
            index.replace(List.of("lost-card/en"), List.of(new FaqIndex.Phrase("lost-card", "en", "lost it")));
            assertEquals(0.0, index.conceptShare("lost-card", "card"));
        }
    }

    @Test
    void aSavedIndexReadsBackAsItWasAndOnlyForItsFingerprint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        ConceptLexicon lexicon = new ConceptLexicon(java.util.Map.of(
                "en", java.util.Map.of("phone", List.of("phone*"), "card", List.of("card*", "arc"), "lost", List.of("lost"))));
        List<FaqIndex.Phrase> phrases = List.of(
                new FaqIndex.Phrase("lost-phone", "en", "I lost my phone, what happens to the mobile card"),
                new FaqIndex.Phrase("lost-phone", "en", "phone stolen"),
                new FaqIndex.Phrase("lost-card", "en", "I lost my card"),
                new FaqIndex.Phrase("lost-card", "ne", "ARC harayo"),
                new FaqIndex.Phrase("mobile-id-cost", "en", "is it free"));
        List<String> questions = List.of("lost my phone", "card lost", "is the card free", "ARC harayo");
        try (FaqIndex built = new FaqIndex(FaqIndex.Weights.DEFAULT, lexicon)) {
            built.replace(List.of("lost-phone/en", "lost-card/en", "lost-card/ne", "mobile-id-cost/en"), phrases);
            built.save(folder, "v1");
            built.save(folder, "v2"); // a newer save replaces the older one
            assertEquals(List.of("v2"), java.nio.file.Files.list(folder).map(p -> p.getFileName().toString()).toList());
            assertTrue(FaqIndex.load(folder, "v1", FaqIndex.Weights.DEFAULT, lexicon).isEmpty(), "an older fingerprint is not read");
            try (FaqIndex loaded = FaqIndex.load(folder, "v2", FaqIndex.Weights.DEFAULT, lexicon).orElseThrow()) {
                for (String q : questions) {
                    for (String locale : List.of("en", "ne")) {
                        assertEquals(built.search(q, locale, 5), loaded.search(q, locale, 5), q + " in " + locale);
                    }
                    java.util.Set<String> asked = built.concepts(q, "en");
                    assertEquals(built.searchConcepts(asked), loaded.searchConcepts(asked), q);
                }
                assertEquals(built.conceptShare("lost-card", "card"), loaded.conceptShare("lost-card", "card"));
                // the loaded index takes publishes as a built one does
                loaded.replace(List.of("mobile-id-cost/en"), List.of(new FaqIndex.Phrase("mobile-id-cost", "en", "how much does it cost")));
                assertEquals("mobile-id-cost", loaded.search("how much does it cost", "en", 1).get(0).topic());
                assertTrue(loaded.search("is it free", "en", 5).stream().noneMatch(h -> h.topic().equals("mobile-id-cost") && h.confidence() >= 0.8),
                        "the replaced phrasing is gone");
            }
        }
        // a damaged save is not read (the caller builds the index again)
        try (var files = java.nio.file.Files.list(folder.resolve("v2"))) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                java.nio.file.Files.write(f, new byte[] {1, 2, 3});
            }
        }
        assertTrue(FaqIndex.load(folder, "v2", FaqIndex.Weights.DEFAULT, lexicon).isEmpty());
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
            assertTrue(free.get(0).confidence() >= 0.75, free.toString());
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

    /**
     * Term look-ups are kept per reader: a publish in between (new statistics, new postings) and a flood of nonsense
     * words (the cache starts over) change no answer.
     */
    @Test
    void keptTermLookUpsNeverOutliveTheirReader() throws Exception {
        try (FaqIndex index = index(List.of(new FaqIndex.Phrase("hikorea", "en", "what is hikorea"),
                new FaqIndex.Phrase("cost", "en", "what does the mobile card cost")))) {
            List<TopicHit> before = index.search("what does hikorea cost", "en", 8);
            assertEquals(before, index.search("what does hikorea cost", "en", 8));
            index.replace(List.of(FaqIndex.key("cost", "en")), List.of(new FaqIndex.Phrase("cost", "en", "is hikorea free to use")));
            List<TopicHit> after = index.search("what does hikorea cost", "en", 8);
            assertTrue(!after.equals(before), "the publish changed the statistics the confidences use");
            try (FaqIndex fresh = index(List.of(new FaqIndex.Phrase("hikorea", "en", "what is hikorea"),
                    new FaqIndex.Phrase("cost", "en", "is hikorea free to use")))) {
                assertEquals(fresh.search("what does hikorea cost", "en", 8), after, "as an index built with the new text");
            }
            for (int i = 0; i < 60_000; i++) {
                index.search("zq" + Integer.toString(i, 36), "en", 8);
            }
            assertEquals(after, index.search("what does hikorea cost", "en", 8));
        }
    }

    /**
     * On a knowledge base large enough for the two passes (terms in more than 500 phrasings are left out of the first),
     * the best topic and its confidence are those of one exact pass over every term, across several segments.
     */
    @Test
    void theTwoPassesFindTheBestTopicOneExactPassFinds() throws Exception {
        java.util.Random random = new java.util.Random(7);
        List<String> common = List.of("card", "mobile", "phone", "office", "how", "do", "i", "the", "my", "apply");
        try (FaqIndex twoPasses = new FaqIndex(FaqIndex.Weights.DEFAULT); FaqIndex onePass = new FaqIndex(FaqIndex.Weights.DEFAULT, Integer.MAX_VALUE)) {
            for (int batch = 0; batch < 4; batch++) {
                List<FaqIndex.Phrase> phrases = new java.util.ArrayList<>();
                for (int t = batch * 300; t < (batch + 1) * 300; t++) {
                    for (int p = 0; p < 3; p++) {
                        StringBuilder text = new StringBuilder("key" + t + " word" + random.nextInt(2000) + " word" + random.nextInt(2000));
                        for (int w = 0; w < 2 + random.nextInt(4); w++) {
                            text.append(' ').append(common.get(random.nextInt(common.size())));
                        }
                        phrases.add(new FaqIndex.Phrase("topic-" + t, "en", text.toString()));
                    }
                }
                List<String> keys = phrases.stream().map(p -> FaqIndex.key(p.topic(), p.locale())).distinct().toList();
                twoPasses.replace(keys, phrases);
                onePass.replace(keys, phrases);
            }
            for (int q = 0; q < 200; q++) {
                String query = "key" + random.nextInt(1200) + " word" + random.nextInt(2000) + " " + common.get(random.nextInt(common.size()))
                        + " " + common.get(random.nextInt(common.size())) + " the card";
                TopicHit exact = onePass.search(query, "en", 8).get(0);
                TopicHit fast = twoPasses.search(query, "en", 8).get(0);
                assertEquals(exact.topic(), fast.topic(), query);
                assertEquals(exact.score(), fast.score(), 1e-6, query);
            }
        }
    }
}
