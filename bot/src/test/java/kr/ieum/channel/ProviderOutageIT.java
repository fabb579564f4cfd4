package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.support.Await;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;

/**
 * A provider having a bad day: a 429 with Retry-After is not retried sooner than it says; a provider that keeps failing
 * is left alone for a while (the circuit opens) without its messages using up their attempts, and when it recovers the
 * outbox drains with nothing lost.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.test.recording-channel", value = "true")
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.channels.first-retry", value = "50ms")
@Property(name = "ieum.channels.max-retry", value = "100ms")
@Property(name = "ieum.channels.max-attempts", value = "6")
@Property(name = "ieum.channels.breaker-failures", value = "3")
@Property(name = "ieum.channels.breaker-open", value = "2s")
class ProviderOutageIT extends ServiceTest {
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    RecordingChannel channel;
    @Inject
    DataSource dataSource;

    private void send(String address) {
        dispatcher.enqueue(new Delivery("recording", address, "en", List.of(OutboundMessage.of(new LocalizedText("en", "hello"))), Map.of()));
    }

    @Test
    void retryAfterIsHonouredAndAFailingProviderIsPausedWithoutLosingAnything() throws Exception {
        // a 429 that says "not before 30 s": the next attempt is set no sooner, although the backoff here is 50 ms
        channel.retryAfter = Duration.ofSeconds(30);
        channel.failures.set(1);
        send("+10000000001");
        Await.until("the failed attempt", () -> channel.attempts.get() >= 1 && "1".equals(Sql.one(dataSource,
                "select attempts from outbox where channel = 'recording' and state = 'pending' order by id desc limit 1")));
        String seconds = Sql.one(dataSource, "select extract(epoch from next_attempt_at - now())::int from outbox where channel = 'recording' "
                + "and state = 'pending' order by id desc limit 1");
        assertTrue(Integer.parseInt(seconds) >= 20, "next attempt in " + seconds + " s");
        Sql.execute(dataSource, "update outbox set next_attempt_at = now() where channel = 'recording' and state = 'pending'");
        Await.until("sent once the wait is over", () -> channel.sent.stream().anyMatch(d -> d.address().equals("+10000000001")));
        channel.retryAfter = null;

        // down for good: after 3 failures in a row the provider is left alone; nothing is dead-lettered meanwhile
        int before = channel.attempts.get();
        long deadBefore = dispatcher.outboxCount("recording", "dead");
        channel.failures.set(1_000);
        for (int i = 2; i <= 6; i++) {
            send("+1000000000" + i);
        }
        Await.until("the circuit opens", () -> channel.attempts.get() - before >= 3);
        int atOpen = channel.attempts.get();
        Thread.sleep(1_000); // ten polls while it is open
        assertTrue(channel.attempts.get() - atOpen <= 1, "the provider is left alone: " + (channel.attempts.get() - atOpen) + " calls");
        assertEquals(deadBefore, dispatcher.outboxCount("recording", "dead"), "nothing dead-lettered");
        // it recovers: after the pause everything goes out, nothing lost
        channel.failures.set(0);
        Await.until("all five delivered", Duration.ofSeconds(30), () -> channel.sent.stream().filter(d -> d.address().startsWith("+100000000"))
                .map(Delivery::address).distinct().count() == 6);
        assertEquals(0, dispatcher.outboxCount("recording", "pending"));
        assertEquals(deadBefore, dispatcher.outboxCount("recording", "dead"));
    }
}
