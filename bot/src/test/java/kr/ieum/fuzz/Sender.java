package kr.ieum.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Sends a {@link FuzzRequest} to the service on loopback and says what came back: the status, how long it took, and
 * whether the body leaked error text ({@link Leaks}). Requests the JDK's client can carry go through it (kept-alive
 * connections); the rest (bytes in the path that are not UTF-8, escapes that are not escapes, header values with any
 * character) are written to a socket as they are. No answer within {@code timeout} is a hang. An event stream counts
 * as answered once its headers arrive.
 */
public final class Sender {
    /** What became of one request. {@code status} is the HTTP status, or {@link #HANG} or {@link #NO_ANSWER}. */
    public record Outcome(FuzzRequest request, int status, long nanos, String leak, String failure) {
        public boolean serverError() {
            return status >= 500;
        }

        public boolean hang() {
            return status == HANG;
        }

        public boolean answered() {
            return status > 0;
        }
    }

    public static final int HANG = -1;
    public static final int NO_ANSWER = -2;
    private static final Pattern ESCAPES = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?m)^content-length:\\s*(\\d+)\\s*$");
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private final String host;
    private final int port;
    private final Duration timeout;
    private final HttpClient client;

    public Sender(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Outcome send(FuzzRequest r) {
        long t0 = System.nanoTime();
        HttpRequest request = jdkRequest(r);
        return request == null ? raw(r, t0) : jdk(r, request, t0);
    }

    /** The request as the JDK's client would send it, or null when it cannot carry it unchanged. */
    private HttpRequest jdkRequest(FuzzRequest r) {
        String t = r.target();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                return null;
            }
        }
        if (ESCAPES.matcher(t).find() || t.indexOf('#') >= 0) {
            return null;
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + t)).timeout(timeout)
                    .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            for (String[] h : r.headers()) {
                b.header(h[0], h[1]);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Outcome jdk(FuzzRequest r, HttpRequest request, long t0) {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            if (info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
                    close(in);
                    return new byte[0];
                });
            }
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Outcome(r, response.statusCode(), System.nanoTime() - t0, Leaks.find(response.body()), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(r, HANG, System.nanoTime() - t0, null, "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return new Outcome(r, HANG, System.nanoTime() - t0, null, "no answer within " + timeout.toSeconds() + " s");
            }
            // the service closed the connection without answering (or while the client was still sending)
            return new Outcome(r, NO_ANSWER, System.nanoTime() - t0, null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(r, NO_ANSWER, System.nanoTime() - t0, null, "interrupted");
        }
    }

    private Outcome raw(FuzzRequest r, long t0) {
        long deadline = t0 + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((r.method() + " ").getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(r.target().getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes((" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String[] h : r.headers()) {
                head.writeBytes((h[0] + ": ").getBytes(StandardCharsets.UTF_8));
                head.writeBytes(h[1].chars().allMatch(c -> c <= 0xff) ? h[1].getBytes(StandardCharsets.ISO_8859_1) : h[1].getBytes(StandardCharsets.UTF_8));
                head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (r.body() != null) {
                head.writeBytes(("Content-Length: " + r.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                if (r.body() != null) {
                    out.write(r.body());
                }
                out.flush();
            } catch (IOException e) {
                // the service may answer (413, 400) and close before it has read everything: read what it said
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (response.size() < MAX_BODY) {
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return new Outcome(r, HANG, System.nanoTime() - t0, null, "no answer within " + timeout.toSeconds() + " s (raw)");
                } catch (IOException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                response.write(buffer, 0, n);
                if (complete(response.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return new Outcome(r, HANG, System.nanoTime() - t0, null, "answer not finished within " + timeout.toSeconds() + " s (raw)");
                }
            }
            byte[] bytes = response.toByteArray();
            int status = status(bytes);
            if (status < 0) {
                return new Outcome(r, NO_ANSWER, System.nanoTime() - t0, null, "connection closed without an HTTP answer (raw)");
            }
            return new Outcome(r, status, System.nanoTime() - t0, Leaks.find(body(bytes)), null);
        } catch (IOException e) {
            return new Outcome(r, NO_ANSWER, System.nanoTime() - t0, null, String.valueOf(e));
        }
    }

    /**
     * Whether the answer read so far is whole: its body as long as Content-Length says, or the last chunk read, or (an
     * event stream) its headers. The service may keep the connection open after an answer (it does after some 400s
     * despite {@code Connection: close}), so the end of the stream is not waited for when the answer says its length.
     */
    private static boolean complete(String sofar) {
        int end = sofar.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = sofar.substring(0, end).toLowerCase(Locale.ROOT);
        if (head.contains("content-type: text/event-stream")) {
            return true;
        }
        java.util.regex.Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return sofar.length() - end - 4 >= Long.parseLong(length.group(1));
        }
        if (head.contains("transfer-encoding: chunked")) {
            return sofar.endsWith("\r\n0\r\n\r\n") || sofar.substring(end + 4).startsWith("0\r\n\r\n");
        }
        return false;
    }

    /** The body of a raw answer (what follows its headers). */
    private static byte[] body(byte[] response) {
        for (int i = 0; i + 3 < response.length; i++) {
            if (response[i] == '\r' && response[i + 1] == '\n' && response[i + 2] == '\r' && response[i + 3] == '\n') {
                return java.util.Arrays.copyOfRange(response, i + 4, response.length);
            }
        }
        return new byte[0];
    }

    private static int status(byte[] response) {
        String line = new String(response, 0, Math.min(response.length, 64), StandardCharsets.ISO_8859_1);
        if (!line.startsWith("HTTP/1.") || line.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing an abandoned event stream
        }
    }
}
