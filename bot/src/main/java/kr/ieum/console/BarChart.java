package kr.ieum.console;

import java.util.List;
import kr.ieum.i18n.RichText;

/**
 * A grouped horizontal bar chart as SVG, drawn on the server: a row per label (a language, a channel) with one bar per
 * series, scaled to the largest value, each bar with its number. No script is needed, it prints, and the table beside it
 * holds the same numbers for screen readers (the SVG is one image with a title).
 */
final class BarChart {
    private static final String[] COLOURS = {"#0b4f8a", "#2e7d32", "#b15b00", "#6a1b9a", "#00695c"};
    private static final int LABEL = 90;
    private static final int WIDTH = 560;
    private static final int BAR = 14;

    private BarChart() {}

    /**
     * @param rows   each row: its label, then one number per series
     * @param series the series' names, in the rows' order
     */
    static String svg(String title, List<String> series, List<List<Object>> rows) {
        long max = 1;
        for (List<Object> r : rows) {
            for (int i = 1; i < r.size(); i++) {
                max = Math.max(max, ((Number) r.get(i)).longValue());
            }
        }
        int group = series.size() * BAR + 10;
        int legend = 24;
        int height = legend + Math.max(1, rows.size()) * group + 4;
        StringBuilder b = new StringBuilder(1024);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" style=\"max-width:").append(WIDTH).append("px\" font-family=\"sans-serif\" font-size=\"11\">")
                .append("<title>").append(RichText.escape(title)).append("</title>");
        int x = 0;
        for (int s = 0; s < series.size(); s++) {
            b.append("<rect x=\"").append(x).append("\" y=\"4\" width=\"10\" height=\"10\" fill=\"").append(COLOURS[s % COLOURS.length])
                    .append("\"/><text x=\"").append(x + 14).append("\" y=\"13\">").append(RichText.escape(series.get(s))).append("</text>");
            x += 24 + 7 * series.get(s).length();
        }
        int y = legend;
        int room = WIDTH - LABEL - 40;
        for (List<Object> r : rows) {
            b.append("<text x=\"0\" y=\"").append(y + group / 2).append("\">").append(RichText.escape(String.valueOf(r.get(0)))).append("</text>");
            for (int s = 0; s < series.size() && s + 1 < r.size(); s++) {
                long v = ((Number) r.get(s + 1)).longValue();
                int w = (int) Math.round((double) v / max * room);
                int top = y + s * BAR;
                b.append("<rect x=\"").append(LABEL).append("\" y=\"").append(top).append("\" width=\"").append(Math.max(w, 1))
                        .append("\" height=\"").append(BAR - 3).append("\" fill=\"").append(COLOURS[s % COLOURS.length]).append("\"/>")
                        .append("<text x=\"").append(LABEL + w + 4).append("\" y=\"").append(top + BAR - 4).append("\">").append(v).append("</text>");
            }
            y += group;
        }
        return b.append("</svg>").toString();
    }
}
