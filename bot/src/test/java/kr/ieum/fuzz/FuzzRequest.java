package kr.ieum.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request. {@code target} is the path and query as bytes, one char per byte (it may hold bytes that are
 * not UTF-8, or escapes that are not escapes); header values may hold any character. {@code note} says which mutations
 * made it, never what it holds.
 */
public record FuzzRequest(String endpoint, int index, String method, String target, List<String[]> headers, byte[] body, String note) {
    /** The service's limits: Micronaut's request line (4,096 bytes) and headers (8,192), application.yml's body (1 MB). */
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    static final int MAX_BODY = 1024 * 1024;

    /**
     * Whether the request is over (or, counting the client's own headers, at) a limit of the service. Such a request is
     * refused at the HTTP layer, which may close the connection while the client still sends (RFC 9110 allows it for 413
     * and 431), so the refusal may never reach the client: closing it unanswered is not a failure of the service.
     */
    public boolean overLimits() {
        if (body != null && body.length > MAX_BODY) {
            return true;
        }
        if (method.length() + target.length() + 10 > MAX_REQUEST_LINE) {
            return true;
        }
        long headerBytes = headers.stream().mapToLong(h -> h[0].length() + 4 + h[1].getBytes(StandardCharsets.UTF_8).length).sum();
        return headerBytes > MAX_HEADERS - 512;
    }

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
