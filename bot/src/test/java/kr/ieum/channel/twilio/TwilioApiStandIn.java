package kr.ieum.channel.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Twilio's REST API: records every {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * and answers with Twilio's Message resource JSON (a fresh {@code SM...} sid each time), or with error 21610
 * for recipients marked unsubscribed.
 */
final class TwilioApiStandIn implements AutoCloseable {
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\\.json");
    private final HttpServer server;
    private final AtomicLong counter = new AtomicLong();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Set<String> unsubscribed = new CopyOnWriteArraySet<>();

    /** One API call: the account in the path, the Authorization header, the form fields, the sid answered. */
    record Call(String account, String authorization, Map<String, String> form, String sid) {
        String to() {
            return form.get("To");
        }

        String from() {
            return form.get("From");
        }

        String body() {
            return form.get("Body");
        }
    }

    TwilioApiStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private final Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /** The {@code nth} call (counting from 1) to {@code to} answers {@code status}, once. */
    void failCall(String to, int nth, int status) {
        failures.put(to + "#" + nth, status);
    }

    List<Call> callsTo(String to) {
        return calls.stream().filter(c -> to.equals(c.to())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = MESSAGES.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !m.matches()) {
                respond(exchange, 404, "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}");
                return;
            }
            Map<String, String> form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer failure = failures.remove(form.get("To") + "#" + (calls.stream().filter(c -> form.get("To").equals(c.to())).count() + 1));
            if (failure != null) {
                calls.add(new Call(m.group(1), exchange.getRequestHeaders().getFirst("Authorization"), form, null));
                respond(exchange, failure, "{\"code\": 20500, \"message\": \"Internal Server Error (stand-in)\", \"status\": " + failure + "}");
                return;
            }
            if (unsubscribed.contains(form.get("To"))) {
                calls.add(new Call(m.group(1), exchange.getRequestHeaders().getFirst("Authorization"), form, null));
                respond(exchange, 400, golden("api-error-21610.json"));
                return;
            }
            String sid = String.format(Locale.ROOT, "SM%032x", counter.incrementAndGet() + 0xabc000L);
            calls.add(new Call(m.group(1), exchange.getRequestHeaders().getFirst("Authorization"), form, sid));
            String json = golden("api-message-created.json")
                    .replace("{{sid}}", sid).replace("{{account}}", m.group(1))
                    .replace("{{to}}", quote(form.get("To"))).replace("{{from}}", quote(form.get("From")))
                    .replace("{{body}}", quote(form.get("Body")));
            respond(exchange, 201, json);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static Map<String, String> decode(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    static String golden(String name) {
        try (InputStream in = TwilioApiStandIn.class.getResourceAsStream("/webhooks/twilio/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
