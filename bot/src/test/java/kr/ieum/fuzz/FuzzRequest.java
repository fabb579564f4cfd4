package kr.ieum.fuzz;

import java.util.List;

/**
 * One generated request. {@code target} is the path and query as bytes, one char per byte (it may hold bytes that are
 * not UTF-8, or escapes that are not escapes); header values may hold any character. {@code note} says which mutations
 * made it, never what it holds.
 */
public record FuzzRequest(String endpoint, int index, String method, String target, List<String[]> headers, byte[] body, String note) {

    /** The header named {@code name} (first of them), or null. */
    public String header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    /** What a failure report may say about this request: never its body. */
    public String describe() {
        String path = target.length() > 80 ? target.substring(0, 80) + "..." : target;
        return endpoint + " #" + index + " " + method + " " + path.replaceAll("[^\\x21-\\x7e]", "?") + " (" + (body == null ? 0 : body.length)
                + " bytes, content-type " + header("Content-Type") + ", " + note + ")";
    }
}
