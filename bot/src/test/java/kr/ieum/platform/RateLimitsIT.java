package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;

/**
 * The shared rate limits on the real PostgreSQL: a burst, then a refusal that says how long to wait; concurrent takers
 * (as replicas would be) never get more than the bucket holds; tokens come back with time; no key is stored in clear;
 * the retention job removes only buckets that are full again. Time is moved by ageing rows, never by sleeping.
 */
@MicronautTest(transactional = false)
class RateLimitsIT extends ServiceTest {
    @Inject
    RateLimits limits;
    @Inject
    DataSource dataSource;

    @Test
    void admitsTheBurstThenRefusesWithHowLongToWait() {
        RateLimits.Limiter limiter = limits.limiter("test-burst", 6, 3);
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.acquire(key), "request " + (i + 1) + " of the burst");
        }
        Duration wait = limiter.acquire(key);
        assertTrue(wait.compareTo(Duration.ofSeconds(1)) >= 0 && wait.compareTo(Duration.ofSeconds(10)) <= 0,
                "six a minute: a token every 10 s, " + wait);
        assertEquals(Duration.ZERO, limiter.acquire(key + "-other"), "another key has its own bucket");
        assertEquals(Duration.ZERO, limits.limiter("test-burst-other", 6, 3).acquire(key), "another limiter too");
    }

    @Test
    void concurrentTakersGetExactlyWhatTheBucketHolds() throws Exception {
        RateLimits.Limiter limiter = limits.limiter("test-race", 1, 5);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Duration>> taken = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                taken.add(pool.submit(() -> {
                    start.await();
                    return limiter.acquire(key);
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Duration> f : taken) {
                admitted += f.get().isZero() ? 1 : 0;
            }
            assertEquals(5, admitted, "40 requests at once, a burst of 5, one a minute");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokensComeBackAsTimePassesUpToTheBurst() {
        RateLimits.Limiter limiter = limits.limiter("test-refill", 6, 2);
        String key = UUID.randomUUID().toString();
        limiter.acquire(key);
        limiter.acquire(key);
        assertTrue(!limiter.acquire(key).isZero(), "the burst is spent");
        age("test-refill:%", Duration.ofSeconds(15));
        assertEquals(Duration.ZERO, limiter.acquire(key), "one every 10 s: 15 s gave one token back");
        assertTrue(!limiter.acquire(key).isZero(), "and only one");
        age("test-refill:%", Duration.ofHours(1));
        assertEquals(Duration.ZERO, limiter.acquire(key));
        assertEquals(Duration.ZERO, limiter.acquire(key));
        assertTrue(!limiter.acquire(key).isZero(), "an hour gives back the burst, no more");
    }

    @Test
    void storesNoKeyInClear() {
        String address = "203.0.113.77";
        limits.limiter("test-clear", 10, 10).acquire(address);
        assertEquals("1", Sql.one(dataSource, "select count(*) from rate_bucket where key like 'test-clear:%'"));
        assertEquals("0", Sql.one(dataSource, "select count(*) from rate_bucket where key like ?", "%" + address + "%"));
    }

    @Test
    void purgeRemovesOnlyBucketsThatAreFullAgain() {
        RateLimits.Limiter limiter = limits.limiter("test-purge", 60, 5);
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        limiter.acquire(old);
        limiter.acquire(recent);
        Sql.execute(dataSource, "update rate_bucket set updated_at = updated_at - interval '2 hours' where key = '"
                + Sql.one(dataSource, "select key from rate_bucket where key like 'test-purge:%' order by updated_at limit 1") + "'");
        assertTrue(limits.purge() >= 1);
        assertEquals("1", Sql.one(dataSource, "select count(*) from rate_bucket where key like 'test-purge:%'"),
                "the bucket used just now stays");
    }

    /** Moves the buckets matching {@code pattern} into the past, as if {@code by} had gone by since their last use. */
    private void age(String pattern, Duration by) {
        Sql.execute(dataSource, "update rate_bucket set updated_at = updated_at - interval '" + by.toMillis()
                + " milliseconds' where key like '" + pattern + "'");
    }
}
