package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.Delivery;
import kr.ieum.console.AdminCommand;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.support.Await;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two service processes on one PostgreSQL, as behind a load balancer without sticky sessions: this JVM's service (A)
 * and {@code java -jar ieum-bot.jar} (B), on a database of their own (an API key there would lock every other test's
 * API requests out). Requests alternate between them: an API key's per-minute limit, a web chat session's message limit
 * and the new sessions per client address hold for both together (exactly the limit admitted, the rest 429 with
 * {@code Retry-After}). A web chat reply queued on A while the session's event stream is open on B reaches that stream
 * at once (the outbox hands it over with a NOTIFY), exactly once, also after the listening connections were cut; one
 * queued while no stream was open anywhere goes when the stream opens. Retries are set an hour apart and B's poller is
 * off, so that only the handover (or the stream's opening) can deliver a reply within the wait.
 */
@MicronautTest(transactional = false)
class ReplicasIT extends ServiceTest {
    private static final int API_RATE = 5;
    private static final int MESSAGE_BURST = 4;
    private static final int SESSIONS = 4;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String db;
    private PGSimpleDataSource own;
    private ApplicationContext a;
    private String urlA;
    private Replica b;
    private ChannelDispatcher dispatcherA;
    /** The stream tests' sessions, opened before the limits are tried (they count against the sessions per address). */
    private Map<String, Object> streamSession;
    private Map<String, Object> laterSession;

    @BeforeAll
    void startBoth() throws Exception {
        Path jar = Path.of("target/ieum-bot.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "needs the packaged jar (mvn verify builds it before the integration tests)");
        db = "replicas_" + System.nanoTime();
        Sql.execute(dataSource, "create database " + db);
        String url = Sql.one(dataSource, "select 'jdbc:postgresql://localhost:' || current_setting('port') || '/" + db + "'");
        own = new PGSimpleDataSource();
        own.setURL(url);
        own.setUser(getProperties().get("datasources.default.username"));
        own.setPassword(getProperties().get("datasources.default.password"));
        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("datasources.default.url", url);
        props.put("micronaut.server.port", "-1");
        props.put("ieum.api.rate", String.valueOf(API_RATE));
        props.put("ieum.channels.webchat.burst", String.valueOf(MESSAGE_BURST));
        props.put("ieum.channels.webchat.messages-per-minute", "1");
        props.put("ieum.channels.webchat.sessions-per-minute", String.valueOf(SESSIONS));
        props.put("ieum.channels.first-retry", "1h");
        props.put("ieum.enrollment.reminder-poll", "1h");
        a = ApplicationContext.run(props);
        urlA = a.getBean(EmbeddedServer.class).start().getURL().toString();
        dispatcherA = a.getBean(ChannelDispatcher.class);
        b = startReplica(jar, own, List.of("-Dieum.api.rate=" + API_RATE, "-Dieum.channels.webchat.burst=" + MESSAGE_BURST,
                "-Dieum.channels.webchat.messages-per-minute=1", "-Dieum.channels.webchat.sessions-per-minute=" + SESSIONS,
                "-Dieum.channels.first-retry=1h", "-Dieum.channels.poll=1h", "-Dieum.enrollment.reminder-poll=1h"), Map.of());
        Await.until("both replicas listen for outbox handovers", Duration.ofSeconds(30), () -> listeners().size() == 2);
        streamSession = openSession(b.url());
        laterSession = openSession(urlA);
    }

    @AfterAll
    void stopBoth() throws Exception {
        if (b != null) {
            b.process().destroy();
            if (!b.process().waitFor(20, TimeUnit.SECONDS)) {
                b.process().destroyForcibly();
            }
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void anApiKeysLimitHoldsForBothReplicasTogether() throws Exception {
        String key = createKey("replicas-partner");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 2 * API_RATE; i++) {
            HttpResponse<String> r = post(i % 2 == 0 ? urlA : b.url(), "/api/v1/messages",
                    "{\"from\":\"replicas-test\",\"text\":\"hello\"}", "Authorization", "Bearer " + key);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        assertEquals(API_RATE, statuses.stream().filter(s -> s == 200).count(), "admitted by A and B together: " + statuses);
        assertEquals(API_RATE, statuses.stream().filter(s -> s == 429).count(), "the rest refused: " + statuses);
        assertTrue(refused != null && retryAfter(refused) >= 1 && retryAfter(refused) <= 60, "Retry-After in seconds");
    }

    @Test
    void aWebChatSessionsMessageLimitAndTheNewSessionsPerAddressHoldForBothReplicasTogether() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        String token = null;
        String sessionId = null;
        for (int i = 0; i < 2 * SESSIONS; i++) {
            HttpResponse<String> r = post(i % 2 == 0 ? b.url() : urlA, "/webchat/sessions", "{\"lang\":\"en\"}");
            statuses.add(r.statusCode());
            if (r.statusCode() == 200 && token == null) {
                token = (String) read(r.body()).get("token");
                sessionId = (String) read(r.body()).get("sessionId");
            } else if (r.statusCode() == 429) {
                assertTrue(retryAfter(r) >= 1, "Retry-After");
            }
        }
        assertEquals(SESSIONS - 2, statuses.stream().filter(s -> s == 200).count(),
                "sessions opened from one address on A and B together (two by startBoth): " + statuses);

        statuses.clear();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 2 * MESSAGE_BURST; i++) {
            HttpResponse<String> r = post(i % 2 == 0 ? urlA : b.url(), "/webchat/messages",
                    "{\"text\":\"help\",\"clientMessageId\":\"m-" + i + "\"}", "Authorization", "Bearer " + token);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        assertEquals(MESSAGE_BURST, statuses.stream().filter(s -> s == 200).count(), "one session's messages on A and B: " + statuses);
        assertEquals(MESSAGE_BURST, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        assertTrue(refused != null && retryAfter(refused) >= 1 && retryAfter(refused) <= 60, "one a minute: Retry-After within it");
        assertEquals("0", Sql.one(own, "select count(*) from rate_bucket where key like ?", "%" + sessionId + "%"),
                "no session id in clear in the buckets");
    }

    @Test
    void aReplyQueuedOnOneReplicaReachesTheStreamOpenOnTheOtherOnce() throws Exception {
        String token = (String) streamSession.get("token");
        String sessionId = (String) streamSession.get("sessionId");
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(b.url() + "/webchat/events?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        try {
            readUntil(lines, "ready");
            assertEquals("sent", deliverOnA(lines, sessionId, "first reply"), "pushed by B, marked sent");

            // cut both replicas' listening connections: each reconnects by itself, and handovers work again
            List<String> cut = listeners();
            Sql.one(own, "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ? "
                    + "and datname = current_database()", "ieum-outbox-handovers");
            Await.until("both replicas listen again", Duration.ofSeconds(60), () -> {
                List<String> now = listeners();
                return now.size() == 2 && now.stream().noneMatch(cut::contains);
            });
            assertEquals("sent", deliverOnA(lines, sessionId, "second reply"));
            String hash = a.getBean(AddressCipher.class).hash("webchat", sessionId);
            assertEquals("2 2", Sql.one(own, "select count(*) || ' ' || count(*) filter (where attempts = 2) from outbox "
                    + "where channel = 'webchat' and state = 'sent' and address_hash = ?", hash),
                    "each reply was handed over once by A (one attempt) and pushed by B (the second)");
            assertEquals("0", Sql.one(own, "select count(*) from outbox where address_hash = ? and state <> 'sent'", hash));
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aReplyQueuedWhileThePageWasClosedIsPushedWhenItsStreamOpens() throws Exception {
        String sessionId = (String) laterSession.get("sessionId");
        dispatcherA.enqueue(new Delivery("webchat", sessionId, "en", List.of(OutboundMessage.of(new LocalizedText("en", "while away"))),
                Map.of()));
        String hash = a.getBean(AddressCipher.class).hash("webchat", sessionId);
        String row = "select string_agg(attempts || ' ' || state, ',') from outbox where channel = 'webchat' and address_hash = ?";
        Await.until("A tried, found no stream anywhere and handed it over", () -> "1 pending".equals(Sql.one(own, row, hash)));
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(b.url() + "/webchat/events?token="
                + URLEncoder.encode((String) laterSession.get("token"), StandardCharsets.UTF_8))).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        try {
            readUntil(lines, "ready");
            List<String> got = readUntil(lines, "message");
            assertTrue(got.stream().anyMatch(l -> l.startsWith("data:") && l.contains("while away")), got.toString());
            Await.until("the row is marked sent, once", () -> "2 sent".equals(Sql.one(own, row, hash)));
        } finally {
            stream.body().close();
        }
    }

    /**
     * Queues {@code text} for the web chat session on A and reads B's stream until the next message event, which must
     * be this one (a reply pushed twice would come first); answers the state of its outbox row.
     */
    private String deliverOnA(BufferedReader lines, String sessionId, String text) throws Exception {
        long sentBefore = dispatcherA.outboxCount("webchat", "sent");
        dispatcherA.enqueue(new Delivery("webchat", sessionId, "en", List.of(OutboundMessage.of(new LocalizedText("en", text))),
                Map.of()));
        List<String> got = readUntil(lines, "message");
        String data = got.stream().filter(l -> l.startsWith("data:")).reduce((x, y) -> y).orElseThrow();
        assertTrue(data.contains(text), "the next pushed reply is '" + text + "': " + data);
        Await.until("the outbox row is marked sent", () -> dispatcherA.outboxCount("webchat", "sent") == sentBefore + 1);
        return "sent";
    }

    private Map<String, Object> openSession(String base) throws Exception {
        HttpResponse<String> opened = post(base, "/webchat/sessions", "{\"lang\":\"en\"}");
        assertEquals(200, opened.statusCode(), opened.body());
        return read(opened.body());
    }

    /** The backends of this database listening for handovers (their pids), each past its LISTEN (their only query). */
    private List<String> listeners() {
        String pids = Sql.one(own, "select coalesce(string_agg(pid::text, ',' order by pid), '') from pg_stat_activity "
                + "where application_name = ? and datname = current_database() and query ilike 'listen%'", "ieum-outbox-handovers");
        return pids.isEmpty() ? List.of() : List.of(pids.split(","));
    }

    private String createKey(String name) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, AdminCommand.run(new String[] {"admin", "create-api-key", name, "--scopes", "messages"},
                    databaseEnv(own.getURL()), Path.of("unused")));
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ieum_")).findFirst().orElseThrow();
    }

    private HttpResponse<String> post(String base, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static long retryAfter(HttpResponse<?> r) {
        return Long.parseLong(r.headers().firstValue("Retry-After").orElse("0"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Reads the stream until a {@code data:} line of an event whose name or data contains {@code marker} (10 s at most). */
    private static List<String> readUntil(BufferedReader lines, String marker) throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            List<String> event = new ArrayList<>();
            String name = "";
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    seen.add(line);
                    event.add(line);
                    if (line.startsWith("event:")) {
                        name = line;
                    } else if (line.startsWith("data:") && (line.contains(marker) || name.contains(marker))) {
                        return event;
                    } else if (line.isEmpty()) {
                        name = "";
                        event.clear();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return event;
        });
        try {
            return read.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no '" + marker + "' event within 10 s; the stream sent: " + seen, e);
        }
    }
}
