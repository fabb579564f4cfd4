package kr.ieum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over java.net.http for the benchmarks that talk to the packaged service. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {}

    static HttpRequest postJson(URI uri, Map<String, ?> body) {
        try {
            return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends and parses a JSON object answer; fails on a status other than 200. */
    static Map<?, ?> call(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(request.uri().getPath() + " answered " + r.statusCode());
        }
        return JSON.readValue(r.body(), Map.class);
    }
}
