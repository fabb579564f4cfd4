package kr.ieum.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How many registered residents read each language ({@code /language/population.tsv}, from the facts file), as a prior
 * between languages that share a script: {@code (residents / most residents) ^ weight}. A language without a figure
 * counts as the smallest figure given. With weight 0 every language is equal.
 */
final class Population {
    private final Map<String, Double> residents;
    private final double max;
    private final double min;

    Population(Map<String, Double> residents) {
        this.residents = Map.copyOf(residents);
        this.max = residents.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        this.min = residents.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
    }

    static Population fromClasspath() {
        Map<String, Double> residents = new HashMap<>();
        try (InputStream in = Population.class.getResourceAsStream("/language/population.tsv")) {
            if (in == null) {
                throw new IllegalStateException("/language/population.tsv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                residents.put(parts[0], Double.parseDouble(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Population(residents);
    }

    /** The prior factor of {@code tag}: 1 for the most read language, less for the others. */
    double prior(String tag, double weight) {
        if (weight == 0) {
            return 1;
        }
        double n = residents.getOrDefault(tag, residents.getOrDefault(tag.split("-")[0], min));
        return Math.pow(n / max, weight);
    }
}
