package kr.ieum.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a fuzz run needs in the service before it starts, made over HTTP as staff and residents make it: a running
 * campaign (created in the console by an administrator who exists already) and a few web chat sessions.
 */
public final class Preparation {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;

    public Preparation(URI base) {
        this.base = base;
    }

    /** Signs in as {@code username} and creates campaign {@code code} (guide, four languages, every channel, keyword FUZZ). */
    public void campaign(String username, String password, String code) throws IOException, InterruptedException {
        HttpResponse<String> login = post("/console/login", form(Map.of("username", username, "password", password)), null);
        String cookie = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("JWT=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow(() -> new IllegalStateException("no console session: " + login.statusCode()));
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/console/campaigns")).header("Cookie", cookie).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no form token on /console/campaigns (" + page.statusCode() + ")");
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf.group(1));
        fields.put("code", code);
        fields.put("name", "Fuzz campaign");
        fields.put("organisation", "Fuzz association");
        fields.put("languages", "vi, km, ur, my");
        fields.put("from", today.minusDays(1).toString());
        fields.put("to", today.plusDays(60).toString());
        fields.put("keyword", "FUZZ");
        for (String channel : List.of("webchat", "telegram", "whatsapp", "line", "kakao", "sms")) {
            fields.put("channel-" + channel, "on");
        }
        HttpResponse<String> created = post("/console/campaigns", form(fields), cookie);
        if (!created.headers().firstValue("location").orElse("").contains("done=created")) {
            throw new IllegalStateException("campaign not created: " + created.statusCode() + " " + created.headers().firstValue("location"));
        }
    }

    /** Opens {@code n} web chat sessions; answers their tokens. */
    public List<String> webchatSessions(int n) throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>();
        String[] langs = {"vi", "ur", "ko", "en", "km", "ru", "th", "ne"};
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/webchat/sessions")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lang\":\"" + langs[i % langs.length] + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("no web chat session: " + r.statusCode());
            }
            tokens.add(m.group(1));
        }
        return tokens;
    }

    private HttpResponse<String> post(String path, String body, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
