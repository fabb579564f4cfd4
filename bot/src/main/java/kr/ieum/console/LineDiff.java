package kr.ieum.console;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) between two versions of a text, for the revision history. */
final class LineDiff {
    private static final int MAX_LINES = 400;

    private LineDiff() {}

    /** One line of the diff: {@code kind} is " " (kept), "-" (removed) or "+" (added). */
    record Line(String kind, String text) {

        /** The style of the line: added, removed or kept. */
        public String css() {
            return switch (kind) {
                case "+" -> "add";
                case "-" -> "del";
                default -> "same";
            };
        }
    }

    static List<Line> diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            List<Line> out = new ArrayList<>();
            for (String l : a) {
                out.add(new Line("-", l));
            }
            for (String l : b) {
                out.add(new Line("+", l));
            }
            return out;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new Line(" ", a[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line("-", a[i++]));
            } else {
                out.add(new Line("+", b[j++]));
            }
        }
        while (i < a.length) {
            out.add(new Line("-", a[i++]));
        }
        while (j < b.length) {
            out.add(new Line("+", b[j++]));
        }
        return out;
    }
}
