package kr.ieum.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local stand-in for a provider's HTTP API (Telegram Bot API, LINE Messaging API...): records every
 * request and answers with a canned response per path suffix (default 200 {@code {}}). Tests point the
 * channel's {@code api-url} at {@link #url()}; nothing of ours is mocked.
 */
public final class HttpStandIn implements AutoCloseable {
    /** One recorded request; header names are lower case. */
    public record Call(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A canned answer. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Call, Answer>> answers = new ConcurrentHashMap<>();

    private HttpStandIn(HttpServer server) {
        this.server = server;
    }

    public static HttpStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HttpStandIn standIn = new HttpStandIn(server);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Answers requests whose path ends with {@code suffix} with {@code answer} (computed per call). */
    public void answer(String suffix, Function<Call, Answer> answer) {
        answers.put(suffix, answer);
    }

    /** Back to the default answer (200 {@code {}}) for every path and no recorded calls. */
    public void reset() {
        answers.clear();
        calls.clear();
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The recorded calls whose path ends with {@code suffix}. */
    public List<Call> calls(String suffix) {
        return calls.stream().filter(c -> c.path().endsWith(suffix)).collect(Collectors.toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
            Answer answer = answers.entrySet().stream().filter(e -> call.path().endsWith(e.getKey())).findFirst()
                    .map(e -> e.getValue().apply(call)).orElse(new Answer(200, "{}"));
            calls.add(call);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
