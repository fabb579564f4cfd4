package kr.ieum.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Twilio's REST API (the service under load sends its SMS replies here through the real
 * Twilio SDK): answers every {@code POST /2010-04-01/Accounts/{sid}/Messages.json} with 201 and a message in
 * Twilio's format, and counts the messages. Nothing leaves the machine.
 */
final class TwilioApiStandIn implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong messages = new AtomicLong();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    TwilioApiStandIn(String accountSid) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(threads);
        server.createContext("/2010-04-01/Accounts/" + accountSid + "/Messages.json", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String sid = String.format("SM%032x", messages.incrementAndGet());
            byte[] body = ("{\"account_sid\":\"" + accountSid + "\",\"api_version\":\"2010-04-01\",\"body\":\"\",\"sid\":\""
                    + sid + "\",\"status\":\"queued\",\"direction\":\"outbound-api\",\"num_segments\":\"1\",\"num_media\":\"0\","
                    + "\"uri\":\"/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long messages() {
        return messages.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
