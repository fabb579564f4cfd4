package kr.ieum.fuzz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One local stand-in for every provider API the fuzzed service sends replies to (Twilio's REST API, the Graph API,
 * LINE's and Telegram's Bot APIs, Kakao's callback), answering each as the provider does when all is well. It only
 * counts calls (a long run must not keep them), so that the outbox and the senders run as in production.
 */
public final class ProviderStandIn implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicLong calls = new AtomicLong();

    public ProviderStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            long n = calls.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            if (path.endsWith("/Messages.json")) {
                status = 201;
                String sid = String.format("SM%032x", n);
                body = "{\"account_sid\":\"" + FuzzSetup.TWILIO_ACCOUNT + "\",\"api_version\":\"2010-04-01\",\"body\":\"\",\"sid\":\"" + sid
                        + "\",\"status\":\"queued\",\"direction\":\"outbound-api\",\"num_segments\":\"1\",\"num_media\":\"0\",\"uri\":"
                        + "\"/2010-04-01/Accounts/" + FuzzSetup.TWILIO_ACCOUNT + "/Messages/" + sid + ".json\"}";
            } else if (path.startsWith("/bot")) {
                body = "{\"ok\":true,\"result\":{\"message_id\":" + n + ",\"date\":1764493200,\"chat\":{\"id\":1,\"type\":\"private\"}}}";
            } else if (path.startsWith("/v2/bot/message/")) {
                body = "{\"sentMessages\":[{\"id\":\"" + n + "\",\"quoteToken\":\"q\"}]}";
            } else if (path.equals("/v21.0/me/messages")) {
                body = "{\"recipient_id\":\"x\",\"message_id\":\"m_out_" + n + "\"}";
            } else if (path.startsWith("/v21.0/")) {
                body = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],\"messages\":[{\"id\":\"wamid.out."
                        + n + "\"}]}";
            } else if (path.startsWith("/kakao/callback/")) {
                body = "{\"taskId\":\"task-" + n + "\",\"status\":\"SUCCESS\",\"message\":\"OK\",\"timestamp\":1733011200000}";
            } else {
                status = 404;
                body = "{}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
