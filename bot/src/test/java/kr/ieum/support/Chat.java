package kr.ieum.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import java.util.List;
import java.util.Map;

/** "Resident says / bot replies" over {@code POST /api/v1/messages}. */
public final class Chat {
    private final HttpClient client;
    private final String from;
    private final String locale;

    public Chat(HttpClient client, String from, String locale) {
        this.client = client;
        this.from = from;
        this.locale = locale;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> says(String text) {
        Map<String, Object> body = locale == null ? Map.of("from", from, "text", text) : Map.of("from", from, "text", text, "locale", locale);
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/messages", body), Map.class);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> replies(Map<String, Object> response) {
        return (List<Map<String, Object>>) response.get("replies");
    }

    public static String text(Map<String, Object> response, int i) {
        return (String) replies(response).get(i).get("text");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> options(Map<String, Object> response, int i) {
        return (List<Map<String, Object>>) replies(response).get(i).get("options");
    }
}
