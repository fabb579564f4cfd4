package kr.ieum.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import kr.ieum.console.AccountStore;
import kr.ieum.console.Passwords;
import kr.ieum.console.Role;
import kr.ieum.fuzz.Endpoints;
import kr.ieum.fuzz.FuzzRun;
import kr.ieum.fuzz.FuzzSetup;
import kr.ieum.fuzz.Preparation;
import kr.ieum.fuzz.ProviderStandIn;
import kr.ieum.fuzz.Sender;
import kr.ieum.fuzz.Tally;
import kr.ieum.support.Await;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, "locked-down endpoints": every route a resident, a provider or a browser reaches without a staff login gets
 * {@value #DEFAULT_COUNT} generated requests (valid payloads bent by {@code kr.ieum.fuzz.Mutator}, signed where the
 * channel signs), all against one running service with every channel on and a stand-in for every provider API. None
 * may answer 5xx, leak error text, or go unanswered for {@value #TIMEOUT_SECONDS} s (a hang, not a speed limit); the
 * turns the webhooks queued must all be processed, and afterwards the service still answers a resident correctly.
 * {@code -Dieum.fuzz.count} and {@code -Dieum.fuzz.seed} change the size and the seed; {@code bench/run fuzz} is the
 * long run.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT extends ServiceTest {
    static final int DEFAULT_COUNT = 1000;
    static final int TIMEOUT_SECONDS = 20;
    private static final int COUNT = Integer.getInteger("ieum.fuzz.count", DEFAULT_COUNT);
    private static final long SEED = Long.getLong("ieum.fuzz.seed", 13L);
    private static final String CAMPAIGN = "fuzzcamp";
    private static final String ADMIN_PASSWORD = "fuzz admin password 1";
    private static final ProviderStandIn PROVIDERS = new ProviderStandIn();

    @Inject
    EmbeddedServer server;
    @Inject
    AccountStore accounts;
    @Inject
    DataSource dataSource;
    @Inject
    @Client("/")
    HttpClient client;

    private List<Endpoints.Endpoint> endpoints;
    private Sender sender;
    private Instant started;
    private java.util.Set<String> partnerRequestsBefore;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.putAll(FuzzSetup.properties(PROVIDERS.url()));
        // a turn that fails is retried at once and marked failed after three tries, so the test sees it
        props.put("ieum.channels.poll", "200ms");
        props.put("ieum.channels.first-retry", "100ms");
        props.put("ieum.channels.max-retry", "200ms");
        props.put("ieum.channels.max-attempts", "3");
        return props;
    }

    @BeforeAll
    void prepare() throws Exception {
        started = Instant.now().minusSeconds(1);
        partnerRequestsBefore = accounts.requests().keySet();
        if (accounts.find("fuzz-admin").isEmpty()) {
            accounts.create("fuzz-admin", "Fuzz admin", Passwords.hash(ADMIN_PASSWORD), EnumSet.of(Role.ADMIN), Instant.now());
        }
        Preparation prepare = new Preparation(server.getURI());
        prepare.campaign("fuzz-admin", ADMIN_PASSWORD, CAMPAIGN);
        FuzzSetup setup = new FuzzSetup(PROVIDERS.url(), CAMPAIGN, prepare.webchatSessions(FuzzSetup.WEBCHAT_SESSIONS),
                System.currentTimeMillis());
        endpoints = Endpoints.all(setup);
        sender = new Sender(server.getHost(), server.getPort(), Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    @AfterAll
    void stopStandIn() {
        PROVIDERS.close();
        // what the fuzz leaves would be found by the tests that run after it in this JVM's database: its partner requests
        // keep the form full; its residents' waiting handoffs, pending reminders and news consents would be theirs to
        // count. The residents go as FORGET takes them (everything of a contact goes with it).
        accounts.requests().keySet().stream().filter(u -> !partnerRequestsBefore.contains(u)).forEach(accounts::refuse);
        Sql.one(dataSource, "with gone as (delete from contact where first_seen between ? and ? returning 1) select count(*) from gone",
                java.sql.Timestamp.from(started), java.sql.Timestamp.from(Instant.now().plusSeconds(1)));
    }

    Stream<String> routes() {
        return endpoints.stream().map(Endpoints.Endpoint::name);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void answersEveryGeneratedRequestWithoutServerErrorLeakOrHang(String route) throws InterruptedException {
        Endpoints.Endpoint endpoint = endpoints.stream().filter(e -> e.name().equals(route)).findFirst().orElseThrow();
        Tally tally = new Tally(route);
        long t0 = System.nanoTime();
        FuzzRun.run(endpoint, SEED, COUNT, 4, sender, tally::add);
        System.out.printf("fuzz %-22s %5d requests in %5.1f s, p99 %7.1f ms: %s%n", route, tally.count(), (System.nanoTime() - t0) / 1e9,
                tally.percentileMillis(99), tally.statusSummary());
        String problems = String.join("\n  ", tally.problems());
        assertEquals(COUNT, tally.count(), "every request was sent");
        assertEquals(0, tally.hangs(), "hangs (seed " + SEED + "):\n  " + problems);
        assertEquals(0, tally.unanswered(), "requests answered by nothing (seed " + SEED + "):\n  " + problems);
        assertEquals(0, tally.serverErrors(), "5xx answers (seed " + SEED + "):\n  " + problems);
        assertEquals(0, tally.leaks(), "answers with error text (seed " + SEED + "):\n  " + problems);
    }

    @Order(2)
    @Test
    void everyQueuedTurnIsProcessedAndEveryReplyDelivered() {
        Await.until("the webhooks' turns are processed", Duration.ofSeconds(120), () -> count("select count(*) from inbox where state = 'new' "
                + "and received_at >= ?") == 0);
        assertEquals(0, count("select count(*) from inbox where state = 'failed' and received_at >= ?"),
                "turns that failed (the log says why)");
        Await.until("the replies are sent", Duration.ofSeconds(120), () -> count("select count(*) from outbox where state = 'pending' "
                + "and created_at >= ?") == 0);
        // a reply is given up only when the fuzzed message itself left no way to answer it: a WhatsApp message without our
        // business number, or with a time outside WhatsApp's 24-hour window (no template is configured here)
        String unexplained = "state = 'dead' and created_at >= ? and coalesce(last_error, '') not like 'WhatsApp reply without the "
                + "business phone number id%' and coalesce(last_error, '') not like 'WhatsApp customer service window%'";
        assertEquals(0, count("select count(*) from outbox where " + unexplained), "replies dead-lettered: "
                + Sql.one(dataSource, "select string_agg(distinct channel || ': ' || coalesce(last_error, ''), '; ') from outbox where "
                        + unexplained, java.sql.Timestamp.from(started)));
        assertTrue(PROVIDERS.calls() > 0, "replies reached the providers' stand-in");
    }

    @Order(3)
    @Test
    void stillAnswersAResidentCorrectlyAfterwards() {
        Map<String, Object> r = new Chat(client, "after-the-fuzz", null).says("what is the mobile residence card?");
        assertEquals("answered", r.get("outcome"), r.toString());
        assertEquals("mobile-id-overview", r.get("topic"));
        assertEquals("en", r.get("language"));
        Map<String, Object> vi = new Chat(client, "after-the-fuzz-vi", null).says("thẻ cư trú di động là gì?");
        assertEquals("answered", vi.get("outcome"), vi.toString());
        assertEquals("vi", vi.get("language"));
    }

    private long count(String sql) {
        return Long.parseLong(Sql.one(dataSource, sql, java.sql.Timestamp.from(started)));
    }
}
