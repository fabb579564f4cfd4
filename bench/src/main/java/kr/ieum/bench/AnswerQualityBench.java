package kr.ieum.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 4.2: answer quality. {@code faq-dev} through the packaged service (HTTP, real database); CLINC150 and xSID
 * in-process with our matcher ({@link IntentMatcher}: the service's Lucene analysis and confidence) next to the
 * figures published for, or measured on, other systems. {@code --no-service} skips the faq-dev part.
 */
public final class AnswerQualityBench {
    private AnswerQualityBench() {}

    public static void main(String[] args) throws Exception {
        boolean service = !List.of(args).contains("--no-service");
        ServiceSettings settings = ServiceSettings.load();
        Report r = new Report("Answer quality");
        r.text(String.format(java.util.Locale.ROOT, "Service settings used throughout (from the bot's application.yml): answer"
                + " threshold %.2f, clarify threshold %.2f, n-gram field weight %.2f.", settings.answerThreshold(),
                settings.clarifyThreshold(), settings.gramWeight()));
        Optional<Path> faqDev = BenchEnv.data("faq-dev");
        if (faqDev.isPresent() && service) {
            faqDev(r, faqDev.get());
        } else {
            r.section("faq-dev").text("Skipped: " + (service ? "no faq-dev data folder." : "--no-service."));
        }
        Optional<Path> clinc = BenchEnv.data("clinc150");
        if (clinc.isPresent()) {
            clinc(r, clinc.get(), settings);
        } else {
            r.section("CLINC150").text("Skipped: no clinc150 data folder.");
        }
        Optional<Path> xsid = BenchEnv.data("xsid");
        if (xsid.isPresent()) {
            xsid(r, xsid.get(), settings);
        } else {
            r.section("xSID").text("Skipped: no xsid data folder.");
        }
        r.write("answers");
    }

    private static void faqDev(Report r, Path dir) throws Exception {
        List<FaqDevEval.Query> queries = FaqDevEval.read(dir.resolve("queries.tsv"));
        System.out.println("faq-dev: starting the packaged service ...");
        try (ServiceProcess s = ServiceProcess.start(Map.of())) {
            System.out.printf("faq-dev: service ready in %.1f s; %d queries ...%n", s.startupSeconds, queries.size());
            Map<String, FaqDevEval.Tally> tallies = FaqDevEval.run(s, queries);
            r.section("faq-dev: resident questions through the service (measured here)");
            r.text("`shared/data/faq-dev/queries.tsv` (" + queries.size() + " queries, the development set), each sent to `POST"
                    + " /api/v1/messages` of `bot/target/ieum-bot.jar` from a new contact, " + s.database() + ". In-scope shares"
                    + " are of in-scope queries; \"answered with an expected topic\" counts an outright answer with one of the"
                    + " listed topics; \"clarified\" is a \"did you mean\" list; \"out of scope declined\" is any outcome but an"
                    + " answer. Reply language right = the detected language is the query's.");
            List<List<String>> rows = new ArrayList<>();
            tallies.forEach((lang, t) -> rows.add(t.row(lang.equals("all") ? "**all**" : lang)));
            r.table(FaqDevEval.HEADER, rows);
        }
    }

    private static void clinc(Report r, Path dir, ServiceSettings settings) throws Exception {
        System.out.println("CLINC150: indexing 15,000 training utterances ...");
        Clinc150Eval.Result c = Clinc150Eval.run(dir, settings);
        r.section("CLINC150 Full: 150 intents, 4,500 in-scope + 1,000 out-of-scope test queries");
        r.text("Our matcher: each intent a topic, its " + c.trainSize() / 150 + " training utterances its phrasings (one Lucene"
                + " document each, words + character n-gram fields, English analysis), confidence = best phrasing's score ÷ the"
                + " query's self-score, exactly as `FaqIndex` does in the service. Index built in "
                + Report.num(c.buildMillis() / 1000, 1) + " s. Threshold chosen on val + oos_val (paper's rule: best accuracy"
                + " with out-of-scope as a class), scored on test + oos_test. Top-1 accuracy over in-scope test queries"
                + " without abstention: " + Report.pct(c.top1NoAbstention()) + " %.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("**Ieum matcher, threshold " + Report.num(c.tuned().threshold(), 2) + " chosen on val**", "measured here",
                Report.pct(c.tuned().inScope()), Report.pct(c.tuned().oosRecall()), Report.num(c.msPerQuery(), 2)));
        rows.add(List.of("Ieum matcher, the service's answer threshold " + Report.num(c.service().threshold(), 2)
                + " (clarify in between counted as not answered; " + Report.pct(c.clarifiedAtService()) + " % of in-scope would get \"did you mean\")",
                "measured here", Report.pct(c.service().inScope()), Report.pct(c.service().oosRecall()), Report.num(c.msPerQuery(), 2)));
        rows.add(List.of("Lucene BM25, one doc per intent, self-score confidence, StandardAnalyzer", "baselines.md (this machine)", "84.9", "45.7", "0.09"));
        rows.add(List.of("Lucene BM25, one doc per utterance, top-3 sum per intent", "baselines.md (this machine)", "86.3", "42.1", "0.4"));
        rows.add(List.of("NLP.js 4.27.0 NluNeural", "baselines.md (this machine)", "85.4", "4.4", "0.18"));
        String[][] published = {{"SVM", "88.2", "18.0"}, {"FastText", "88.6", "28.3"}, {"DialogFlow", "90.8", "26.7"},
                {"Rasa", "90.9", "31.2"}, {"MLP", "93.4", "49.1"}, {"BERT", "96.2", "52.3"}};
        for (String[] p : published) {
            rows.add(List.of(p[0], "published (Larson et al. 2019, Table 2)", p[1], p[2], "—"));
        }
        r.table(List.of("system", "source", "in-scope accuracy %", "out-of-scope recall %", "ms per query"), rows);
        r.text("Goal (baselines.md): in-scope ≥ 92 and out-of-scope recall ≥ 55 at under 1 ms per query.");
    }

    private static void xsid(Report r, Path dir, ServiceSettings settings) throws Exception {
        System.out.println("xSID: 19 languages ...");
        List<XsidEval.Result> results = XsidEval.run(dir, settings);
        r.section("xSID 0.7: index each language's dev split, classify its test split (top-1 intent accuracy %)");
        r.text("Languages marked \"ours\" use that locale's analyzers; the others are not Ieum locales and run through the"
                + " default analysis (standard tokenizer, lower case, n-grams), listed for comparison only. Peers: Lucene BM25"
                + " with one document per intent and NLP.js, measured on this machine with the same split"
                + " (shared/docs/baselines.md). Published xSID results are zero-shot cross-lingual (trained on English only)"
                + " and are not comparable with this in-language setting, so none are listed.");
        List<List<String>> rows = new ArrayList<>();
        double sum = 0;
        for (XsidEval.Result x : results) {
            double[] peer = XsidEval.PEERS.get(x.language());
            rows.add(List.of(x.language() + (x.ours() ? " (ours: " + x.locale() + ")" : ""), x.dev() + " / " + x.test(),
                    Report.pct(x.accuracy()), peer == null ? "—" : Report.pct(peer[0]), peer == null ? "—" : Report.pct(peer[1]),
                    Report.num(x.msPerQuery(), 2)));
            sum += x.accuracy();
        }
        rows.add(List.of("**mean over " + results.size() + "**", "", Report.pct(sum / results.size()),
                Report.pct(XsidEval.PEER_MEAN[0]), Report.pct(XsidEval.PEER_MEAN[1]), ""));
        r.table(List.of("language", "dev / test utterances", "Ieum matcher (measured here)", "Lucene per-intent (baselines.md)",
                "NLP.js (baselines.md)", "ms per query"), rows);
    }
}
