package kr.ieum.platform;

import java.util.List;

/** One CSV record (RFC 4180): fields quoted when they hold a comma, a quote or a line break; CRLF at the end. */
public final class CsvLine {
    private CsvLine() {}

    public static String of(List<?> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = String.valueOf(fields.get(i));
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        return out.append("\r\n").toString();
    }
}
