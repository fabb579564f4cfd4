package kr.ieum.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The answering thresholds as the service configures them ({@code ieum.faq.*} in the bot's application.yml). */
record ServiceSettings(double answerThreshold, double clarifyThreshold, float gramWeight) {

    static ServiceSettings load() {
        try (InputStream in = ServiceSettings.class.getResourceAsStream("/application.yml")) {
            Map<?, ?> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<?, ?> faq = (Map<?, ?>) ((Map<?, ?>) root.get("ieum")).get("faq");
            return new ServiceSettings(number(faq, "answer-threshold", 0.55), number(faq, "clarify-threshold", 0.3),
                    (float) number(faq, "gram-weight", 0.25));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(Map<?, ?> map, String key, double dflt) {
        Object v = map.get(key);
        return v instanceof Number n ? n.doubleValue() : dflt;
    }
}
