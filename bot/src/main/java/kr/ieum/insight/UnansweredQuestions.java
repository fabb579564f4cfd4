package kr.ieum.insight;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What residents asked and did not get: their questions the bot could not answer ("I don't know", a decline) or was
 * unsure of ("did you mean"), grouped by language and clustered by similarity (character trigrams, so that it works in
 * every script and across small spelling differences), largest cluster first. Only the redacted text as stored, and only
 * while the retention period keeps it; no contact is named.
 */
@Singleton
public class UnansweredQuestions {
    /** Trigram overlap (Jaccard) at which two questions count as the same question. */
    static final double SAME = 0.45;
    private static final int MAX_ROWS = 5000;
    private final JdbcOperations jdbc;
    private final Clock clock;

    UnansweredQuestions(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Questions that read alike.
     *
     * @param text     the most frequent wording (the first seen, between equals)
     * @param examples up to five other wordings
     * @param outcomes how often each outcome came ({@code unanswered}, {@code clarify})
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Cluster(String locale, String text, int count, List<String> examples, Map<String, Integer> outcomes) {}

    /** The clusters of the last {@code days} days, per locale (null: every locale). */
    @Transactional
    public List<Cluster> clusters(String locale, int days) {
        Instant since = clock.instant().minus(Duration.ofDays(Math.max(1, days)));
        List<String[]> rows = jdbc.prepareStatement("select language, body, outcome from turn where direction = 'in' "
                + "and body is not null and body <> '' and outcome in ('unanswered', 'clarify') and created_at >= ? "
                + (locale == null ? "" : "and language = ? ") + "order by created_at desc limit " + MAX_ROWS, ps -> {
            ps.setTimestamp(1, Timestamp.from(since));
            if (locale != null) {
                ps.setString(2, locale);
            }
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1) == null ? "und" : rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            return out;
        });
        return cluster(rows);
    }

    static List<Cluster> cluster(List<String[]> rows) {
        Map<String, List<Building>> byLocale = new LinkedHashMap<>();
        for (String[] row : rows) {
            String text = row[1].strip();
            if (text.isEmpty()) {
                continue;
            }
            Set<String> grams = trigrams(text);
            List<Building> clusters = byLocale.computeIfAbsent(row[0], l -> new ArrayList<>());
            Building best = null;
            double bestScore = 0;
            for (Building c : clusters) {
                double s = jaccard(grams, c.grams);
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (best == null || bestScore < SAME) {
                best = new Building(row[0], grams);
                clusters.add(best);
            }
            best.add(text, row[2]);
        }
        List<Cluster> out = new ArrayList<>();
        for (List<Building> clusters : byLocale.values()) {
            for (Building b : clusters) {
                out.add(b.build());
            }
        }
        out.sort(Comparator.comparingInt(Cluster::count).reversed().thenComparing(Cluster::locale).thenComparing(Cluster::text));
        return out;
    }

    static Set<String> trigrams(String text) {
        String norm = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{P}\\p{S}\\p{Cc}]+", " ").replaceAll("\\s+", " ").strip();
        String padded = " " + norm + " ";
        Set<String> grams = new HashSet<>();
        int[] cps = padded.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            grams.add(new String(cps, i, 3));
        }
        if (grams.isEmpty()) {
            grams.add(padded);
        }
        return grams;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String g : a) {
            if (b.contains(g)) {
                common++;
            }
        }
        int union = a.size() + b.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }

    private static final class Building {
        final String locale;
        final Set<String> grams;
        final Map<String, Integer> wordings = new LinkedHashMap<>();
        final Map<String, Integer> outcomes = new LinkedHashMap<>();
        int count;

        Building(String locale, Set<String> grams) {
            this.locale = locale;
            this.grams = grams;
        }

        void add(String text, String outcome) {
            wordings.merge(text, 1, Integer::sum);
            outcomes.merge(outcome, 1, Integer::sum);
            count++;
        }

        Cluster build() {
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(wordings.entrySet());
            sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            List<String> examples = sorted.stream().skip(1).limit(5).map(Map.Entry::getKey).toList();
            return new Cluster(locale, sorted.get(0).getKey(), count, examples, Map.copyOf(outcomes));
        }
    }
}
