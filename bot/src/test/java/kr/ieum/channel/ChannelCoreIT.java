package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channel core: store once, ack, turn after the ack, outbox with retries and dead letters, FORGET. */
@MicronautTest(transactional = false)
@Property(name = "ieum.test.recording-channel", value = "true")
@Property(name = "ieum.channels.first-retry", value = "50ms")
@Property(name = "ieum.channels.max-retry", value = "100ms")
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.channels.max-attempts", value = "3")
class ChannelCoreIT extends ServiceTest {
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    RecordingChannel channel;
    @Inject
    Messages messages;
    @Inject
    DataSource dataSource;
    @Inject
    ChannelStore store;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
    @Inject
    io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;

    @BeforeEach
    void reset() {
        channel.sent.clear();
        channel.failures.set(0);
        channel.attempts.set(0);
        channel.retryable = true;
    }

    private static InboundEnvelope message(String id, String from, String text) {
        return new InboundEnvelope("recording", id, from, text, null, false, Map.of("thread", "t-1"));
    }

    @Test
    void storesOnceAnswersAfterTheAckAndKeepsTheReplyContext() {
        String id = UUID.randomUUID().toString();
        assertEquals(ChannelDispatcher.Acceptance.STORED, dispatcher.accept(message(id, "+84901234567", "thẻ cư trú di động là gì?")));
        assertEquals(ChannelDispatcher.Acceptance.DUPLICATE, dispatcher.accept(message(id, "+84901234567", "thẻ cư trú di động là gì?")));
        Await.until("the answer is sent", () -> !channel.sent.isEmpty());
        Delivery d = channel.sent.get(0);
        assertEquals("vi", d.language());
        assertEquals("+84901234567", d.address());
        assertEquals("mobile-id-overview", d.messages().get(0).topic());
        assertEquals("t-1", d.context("thread"));
        // the retry did not run a second turn
        Await.until("the outbox row is sent", () -> dispatcher.outboxCount("recording", "pending") == 0);
        assertEquals(1, channel.sent.size());
    }

    @Inject
    InboundProcessor processor;

    @Test
    void oneContactsTurnsRunInTheOrderWrittenAndNeverAtOnce() throws Exception {
        String from = "+8210" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        long first = store.storeInbound(message(UUID.randomUUID().toString(), from, "what is the mobile residence card?")).orElseThrow();
        long second = store.storeInbound(message(UUID.randomUUID().toString(), from, "how much does it cost?")).orElseThrow();
        parkFromThePoller(first, second);
        // the second webhook's turn comes first (another replica was quicker): it waits for the first
        assertTrue(processor.process(second, false).isEmpty(), "a later message waits while an earlier one is new");
        assertEquals("new", query("select state from inbox where id = cast(? as bigint)", String.valueOf(second)));
        assertEquals("mobile-id-overview", processor.process(first, false).orElseThrow().turn().topic());
        assertEquals("mobile-id-cost", processor.process(second, false).orElseThrow().turn().topic());

        // while one replica runs a turn of this contact (its transaction holds the contact's lock), another replica's
        // turn for the same contact waits until it commits; a turn of another contact does not
        long third = store.storeInbound(message(UUID.randomUUID().toString(), from, "is it free?")).orElseThrow();
        long fourth = store.storeInbound(message(UUID.randomUUID().toString(), from, "where do I download the app?")).orElseThrow();
        long other = store.storeInbound(message(UUID.randomUUID().toString(), from + "9", "is it free?")).orElseThrow();
        parkFromThePoller(third, fourth, other);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong committedAt = new java.util.concurrent.atomic.AtomicLong();
        Thread replica = new Thread(() -> transactions.executeWrite(status -> {
            store.lockContact(third);
            assertTrue(store.claimInbound(third).orElseThrow().first());
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.inboundDone(third);
            committedAt.set(System.nanoTime());
            return null;
        }));
        replica.start();
        assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("mobile-id-cost", processor.process(other, false).orElseThrow().turn().topic(), "another contact goes on");
        java.util.concurrent.CompletableFuture<Long> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            processor.process(fourth, false).orElseThrow();
            return System.nanoTime();
        });
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "the same contact's turn waits for the lock");
        release.countDown();
        long finishedAt = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        replica.join();
        assertTrue(finishedAt >= committedAt.get(), "it ran after the first replica's turn committed");
        Await.until("the replies of these turns are sent (the tests after this one count deliveries)",
                () -> dispatcher.outboxCount("recording", "pending") == 0);
    }

    /** Keeps this service's own poller off these inbox rows (it takes rows older than its poll), so the test drives them. */
    private void parkFromThePoller(long... ids) {
        Sql.execute(dataSource, "update inbox set next_attempt_at = now() + interval '1 hour' where id in ("
                + java.util.Arrays.stream(ids).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ")");
    }

    @Test
    void storesNeitherAddressNorTextInTheClearAndClearsThemOnceProcessed() {
        String id = UUID.randomUUID().toString();
        dispatcher.accept(message(id, "+821055512345", "what is the mobile residence card?"));
        Await.until("sent", () -> !channel.sent.isEmpty());
        String stored = query("select coalesce(encode(address_enc, 'escape'), '') || coalesce(encode(payload_enc, 'escape'), '') "
                + "from inbox where provider_id = ?", id);
        assertEquals("", stored, "address and payload are cleared once processed");
    }

    @Test
    void anUnreadableOutboxRowIsDeadLetteredWithItsPayloadKeptAndBlocksNothing() {
        // a row written under another master key (or damaged): it cannot be decrypted
        String broken = Sql.one(dataSource, "insert into outbox (channel, address_hash, address_enc, payload_enc, created_at, "
                + "next_attempt_at) values ('recording', 'x', ?, ?, now(), now() - interval '1 minute') returning id",
                new byte[] {1, 2, 3}, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        dispatcher.enqueue(new Delivery("recording", "+84900000001", "vi",
                List.of(kr.ieum.conversation.OutboundMessage.of(new kr.ieum.i18n.LocalizedText("vi", "xin chào"))), Map.of()));
        Await.until("the readable reply is sent", () -> channel.sent.stream().anyMatch(d -> d.address().equals("+84900000001")));
        Await.until("the unreadable row is dead-lettered",
                () -> "dead".equals(Sql.one(dataSource, "select state from outbox where id = ?", Long.parseLong(broken))));
        assertTrue(Sql.one(dataSource, "select last_error from outbox where id = ?", Long.parseLong(broken)).startsWith("unreadable"));
        assertEquals("t", Sql.one(dataSource, "select payload_enc is not null from outbox where id = ?", Long.parseLong(broken)),
                "the encrypted payload is kept for an operator");
    }

    @Test
    void aRowClaimedByAWorkerThatDiedIsTakenOverWhenItsLeaseEndsAndSentOnce() {
        // a worker claimed it (in the transaction that stored it, so no poller sees it first) and died before marking it
        long id = transactions.executeWrite(status -> {
            long row = store.enqueue(new Delivery("recording", "+84900000002", "vi",
                    List.of(kr.ieum.conversation.OutboundMessage.of(new kr.ieum.i18n.LocalizedText("vi", "lease test"))), Map.of()));
            jdbc.prepareStatement("update outbox set claimed_until = now() + interval '2 seconds' where id = ?", ps -> {
                ps.setLong(1, row);
                return ps.executeUpdate();
            });
            return row;
        });
        try {
            Thread.sleep(600); // six polls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(channel.sent.stream().noneMatch(d -> d.address().equals("+84900000002")), "not while another worker holds it");
        Await.until("sent after the lease", () -> channel.sent.stream().anyMatch(d -> d.address().equals("+84900000002")));
        Await.until("marked sent", () -> "sent".equals(Sql.one(dataSource, "select state from outbox where id = ?", id)));
        assertEquals(1, channel.sent.stream().filter(d -> d.address().equals("+84900000002")).count(), "once");
        assertEquals(null, Sql.one(dataSource, "select claimed_until from outbox where id = ?", id));
    }

    @Test
    void retriesAFailedDeliveryWithBackoff() {
        channel.failures.set(2);
        dispatcher.accept(message(UUID.randomUUID().toString(), "+79161234567", "что такое мобильная карта резидента?"));
        Await.until("delivered on the third attempt", () -> !channel.sent.isEmpty());
        assertEquals(3, channel.attempts.get());
        assertEquals("ru", channel.sent.get(0).language());
    }

    @Test
    void deadLettersAfterTheLimitAndAtOnceForPermanentFailures() {
        long deadBefore = dispatcher.outboxCount("recording", "dead");
        channel.failures.set(100);
        dispatcher.accept(message(UUID.randomUUID().toString(), "+66812345678", "hello"));
        Await.until("dead-lettered after 3 attempts", () -> dispatcher.outboxCount("recording", "dead") == deadBefore + 1);
        assertEquals(3, channel.attempts.get());

        channel.attempts.set(0);
        channel.retryable = false;
        dispatcher.accept(message(UUID.randomUUID().toString(), "+66812345679", "hello"));
        Await.until("dead-lettered at once", () -> dispatcher.outboxCount("recording", "dead") == deadBefore + 2);
        assertEquals(1, channel.attempts.get());
        assertTrue(channel.sent.isEmpty());
    }

    @Test
    void answersNonTextInTheResidentsLanguage() {
        String from = "+84900000001";
        dispatcher.accept(message(UUID.randomUUID().toString(), from, "xin chào, tôi muốn hỏi về thẻ cư trú"));
        Await.until("first answer", () -> channel.sent.size() == 1);
        dispatcher.accept(new InboundEnvelope("recording", UUID.randomUUID().toString(), from, "", null, true, Map.of()));
        Await.until("reply to the photo", () -> channel.sent.size() == 2);
        Delivery d = channel.sent.get(1);
        assertEquals(messages.render("vi", "nontext").text(), d.messages().get(0).text().text());
    }

    @Test
    void forgetScrubsTheChannelRowsOfTheResident() {
        String from = "+998901234567";
        dispatcher.accept(message(UUID.randomUUID().toString(), from, "mobil ID karta nima?"));
        Await.until("answer", () -> channel.sent.size() == 1);
        dispatcher.accept(message(UUID.randomUUID().toString(), from, "FORGET"));
        Await.until("confirmation question", () -> channel.sent.size() == 2);
        dispatcher.accept(message(UUID.randomUUID().toString(), from, "1"));
        Await.until("erased", () -> channel.sent.size() == 3);
        String withAddress = query("select count(*) from inbox where channel = 'recording' and address_hash = ?", hash(from));
        assertEquals("0", withAddress, "no inbox row points to the resident any more");
        String done = channel.sent.get(2).messages().get(0).text().text();
        assertEquals(messages.render(channel.sent.get(2).language(), "forget.done").text(), done);
    }

    @Inject
    kr.ieum.platform.AddressCipher cipher;

    private String hash(String address) {
        return cipher.hash("recording", address);
    }

    private String query(String sql, String param) {
        return Sql.one(dataSource, sql, param);
    }
}
