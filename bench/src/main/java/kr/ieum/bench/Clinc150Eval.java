package kr.ieum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CLINC150 "Full" (Larson et al. 2019) with the paper's protocol: index {@code train} (15,000 utterances, 150
 * intents), choose the confidence threshold below which a query is out of scope on {@code val + oos_val} (maximising
 * accuracy with out-of-scope as a class), report in-scope accuracy and out-of-scope recall on {@code test + oos_test}.
 * Also at the service's own answer threshold, unchanged.
 */
final class Clinc150Eval {
    /** In-scope accuracy and out-of-scope recall (%) at one threshold. */
    record Score(double threshold, double inScope, double oosRecall) {}

    record Result(int trainSize, double buildMillis, Score tuned, Score service, double clarifiedAtService, double top1NoAbstention,
            double msPerQuery) {}

    private Clinc150Eval() {}

    static Result run(Path dir, ServiceSettings settings) throws Exception {
        JsonNode root = Http.JSON.readTree(dir.resolve("data_full.json").toFile());
        List<IntentMatcher.Example> train = examples(root, "train");
        try (IntentMatcher matcher = new IntentMatcher(train, "en", settings.gramWeight())) {
            List<Scored> val = score(matcher, concat(examples(root, "val"), examples(root, "oos_val")));
            long t0 = System.nanoTime();
            List<Scored> test = score(matcher, concat(examples(root, "test"), examples(root, "oos_test")));
            double ms = (System.nanoTime() - t0) / 1e6 / test.size();
            double best = 0;
            double bestAccuracy = -1;
            for (int i = 0; i <= 100; i++) {
                double t = i / 100.0;
                double accuracy = accuracy(val, t);
                if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    best = t;
                }
            }
            double top1 = 100.0 * test.stream().filter(s -> !s.oos() && s.intent().equals(s.predicted())).count()
                    / test.stream().filter(s -> !s.oos()).count();
            double clarified = 100.0 * test.stream().filter(s -> !s.oos() && s.confidence() >= settings.clarifyThreshold()
                    && s.confidence() < settings.answerThreshold()).count() / test.stream().filter(s -> !s.oos()).count();
            return new Result(train.size(), matcher.buildMillis, at(test, best), at(test, settings.answerThreshold()), clarified, top1, ms);
        }
    }

    private record Scored(String intent, String predicted, double confidence) {
        boolean oos() {
            return intent.equals("oos");
        }

        String label(double threshold) {
            return predicted == null || confidence < threshold ? "oos" : predicted;
        }
    }

    private static List<Scored> score(IntentMatcher matcher, List<IntentMatcher.Example> examples) {
        List<Scored> scored = new ArrayList<>();
        for (IntentMatcher.Example e : examples) {
            IntentMatcher.Prediction p = matcher.predict(e.text());
            scored.add(new Scored(e.intent(), p.intent(), p.confidence()));
        }
        return scored;
    }

    private static double accuracy(List<Scored> scored, double threshold) {
        return (double) scored.stream().filter(s -> s.label(threshold).equals(s.intent())).count() / scored.size();
    }

    private static Score at(List<Scored> test, double threshold) {
        long inScope = test.stream().filter(s -> !s.oos()).count();
        long oos = test.size() - inScope;
        long right = test.stream().filter(s -> !s.oos() && s.label(threshold).equals(s.intent())).count();
        long declined = test.stream().filter(s -> s.oos() && s.label(threshold).equals("oos")).count();
        return new Score(threshold, 100.0 * right / inScope, 100.0 * declined / oos);
    }

    private static List<IntentMatcher.Example> examples(JsonNode root, String split) {
        List<IntentMatcher.Example> list = new ArrayList<>();
        root.get(split).forEach(pair -> list.add(new IntentMatcher.Example(pair.get(0).asText(), pair.get(1).asText())));
        return list;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
