package kr.ieum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * xSID 0.7, in-language few-shot: for each language, index its dev split ({@code *.valid.conll}, ~20 utterances per
 * intent) and classify its test split; top-1 intent accuracy (xSID has no out-of-scope queries).
 */
final class XsidEval {
    /** Our locale for an xSID language; languages that are not ours run with the default (Latin-style) analysis. */
    static final Map<String, String> OUR_LOCALE = Map.of("en", "en", "id", "id", "ja", "ja", "kk", "kk", "zh", "zh-Hans");

    record Result(String language, String locale, boolean ours, int dev, int test, double accuracy, double msPerQuery) {}

    private XsidEval() {}

    static List<Result> run(Path dir, ServiceSettings settings) throws Exception {
        List<String> languages;
        try (Stream<Path> files = Files.list(dir)) {
            languages = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".valid.conll"))
                    .map(n -> n.substring(0, n.length() - ".valid.conll".length())).sorted().toList();
        }
        List<Result> results = new ArrayList<>();
        for (String lang : languages) {
            Path testFile = dir.resolve(lang + ".test.conll");
            if (!Files.exists(testFile)) {
                continue;
            }
            String locale = OUR_LOCALE.getOrDefault(lang, lang);
            List<IntentMatcher.Example> dev = read(dir.resolve(lang + ".valid.conll"));
            List<IntentMatcher.Example> test = read(testFile);
            try (IntentMatcher matcher = new IntentMatcher(dev, locale, settings.gramWeight())) {
                test.stream().limit(100).forEach(e -> matcher.predict(e.text())); // warm-up
                int right = 0;
                long t0 = System.nanoTime();
                for (IntentMatcher.Example e : test) {
                    if (e.intent().equals(matcher.predict(e.text()).intent())) {
                        right++;
                    }
                }
                double ms = (System.nanoTime() - t0) / 1e6 / test.size();
                results.add(new Result(lang, locale, OUR_LOCALE.containsKey(lang), dev.size(), test.size(), 100.0 * right / test.size(), ms));
            }
        }
        return results;
    }

    /** The {@code # text =} and {@code # intent =} lines of each block (in either order; blocks end at a blank line). */
    static List<IntentMatcher.Example> read(Path file) throws IOException {
        List<IntentMatcher.Example> examples = new ArrayList<>();
        String text = null;
        String intent = null;
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.add("");
        for (String line : lines) {
            if (line.startsWith("# text =")) {
                text = line.substring("# text =".length()).strip();
            } else if (line.startsWith("# intent =")) {
                intent = line.substring("# intent =".length()).strip();
            } else if (line.isBlank()) {
                if (text != null && intent != null) {
                    examples.add(new IntentMatcher.Example(text, intent));
                }
                text = null;
                intent = null;
            }
        }
        return examples;
    }

    /** Peer figures measured on this machine by the team's harness (shared/docs/baselines.md): Lucene per-topic, NLP.js. */
    static final Map<String, double[]> PEERS = new TreeMap<>(Map.of(
            "en", new double[] {89.0, 89.8}, "id", new double[] {89.0, 89.6}, "ja", new double[] {88.8, 90.8},
            "kk", new double[] {89.4, 87.2}, "zh", new double[] {88.2, 91.2}));
    static final double[] PEER_MEAN = {89.2, 89.6};
}
