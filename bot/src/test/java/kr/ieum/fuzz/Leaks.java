package kr.ieum.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What must never reach a client: an exception's class or message, a stack trace, SQL or PostgreSQL error text, or a
 * parser's description of the input. Case-sensitive, so that ordinary words in the bot's answers do not count.
 */
public final class Leaks {
    static final List<String> MARKERS = List.of(
            "Exception", "exception:", "Throwable", "StackOverflow", "OutOfMemory", "NullPointer", "IndexOutOfBounds",
            "\tat ", "at kr.ieum.", "at io.micronaut.", "at java.", "Caused by", "java.lang.", "java.io.", "java.util.", "jakarta.",
            "kr.ieum.", "io.micronaut.", "io.netty.", "com.fasterxml", "org.postgresql", "org.hibernate", "ERROR:", "SQLState",
            "SQL state", "syntax error at", "violates ", "duplicate key", "invalid byte sequence", "relation \"", "column \"",
            "Failed to convert argument", "Unexpected character", "Unexpected end-of-input", "Unrecognized token",
            "Unrecognized field", "Illegal character", "Illegal unquoted", "Cannot deserialize", "Cannot construct", "[Source:",
            "line: 1, column", "StreamReadConstraints", "nesting depth", "Internal Server Error");

    private Leaks() {}

    /** The first marker found in {@code body}, or null. */
    public static String find(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (String marker : MARKERS) {
            if (text.contains(marker)) {
                return marker;
            }
        }
        return null;
    }

    /** True when none of the fuzzer's own strings could be taken for a leak when a page echoes it. */
    static boolean inputIsClean() {
        return Nasty.STRINGS.stream().noneMatch(s -> MARKERS.stream().anyMatch(s::contains))
                && Nasty.TEXTS.stream().noneMatch(s -> MARKERS.stream().anyMatch(s::contains));
    }
}
