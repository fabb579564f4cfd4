package kr.ieum.platform;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Rate limits that hold for all replicas together: a token bucket per limiter and key in PostgreSQL ({@code rate_bucket}),
 * {@code burst} tokens at most, refilled at {@code perMinute}. Each request takes its token in one atomic statement
 * (an insert that, on conflict, refills by the time elapsed and takes one only if one is there), computed in database
 * time, so two replicas racing for the last token admit one request between them and their clocks do not matter.
 * Keys are stored as the limiter's name and a keyed hash of the key (a session id, a client address, an API key's name
 * never appear in clear). A bucket untouched for longer than it takes to fill up is the same as none, and
 * {@link #purge} (the hourly retention job) removes it. When the database cannot be reached the statement throws, and
 * the request is answered 503 like every other request that needs the database.
 */
@Singleton
public class RateLimits {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int HASH_CHARS = 32;
    /** Buckets are kept at least this long after their last use, so a limiter created later on this replica is covered. */
    private static final Duration MIN_KEEP = Duration.ofHours(1);
    private static final String TAKE = "with prior as (select tokens, updated_at from rate_bucket where key = ?), "
            + "taken as (insert into rate_bucket as b (key, tokens, updated_at) values (?, ? - 1, now()) "
            + "on conflict (key) do update set "
            + "tokens = least(?, b.tokens + ? * greatest(0, extract(epoch from now() - b.updated_at))) - 1, "
            + "updated_at = greatest(b.updated_at, now()) "
            + "where least(?, b.tokens + ? * greatest(0, extract(epoch from now() - b.updated_at))) >= 1 "
            + "returning 1) "
            + "select exists (select 1 from taken), "
            + "(select least(?, tokens + ? * greatest(0, extract(epoch from now() - updated_at))) from prior)";
    private final JdbcOperations jdbc;
    private final AddressCipher cipher;
    private final AtomicLong longestRefillSeconds = new AtomicLong(MIN_KEEP.toSeconds());

    RateLimits(JdbcOperations jdbc, AddressCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * A limiter shared by every replica: {@code burst} requests at once per key, then {@code perMinute}. Replicas that
     * name a limiter alike share its buckets, so its name and settings must be the same on all of them.
     *
     * @param name a short lower-case name ({@code api}, {@code webchat-message}), the prefix of its buckets' keys
     */
    public Limiter limiter(String name, int perMinute, int burst) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a limiter's name is lower-case letters, digits and '-': " + name);
        }
        Limiter limiter = new Limiter(this, name, Math.max(1, perMinute) / 60.0, Math.max(1, burst));
        longestRefillSeconds.accumulateAndGet((long) Math.ceil(limiter.burst / limiter.perSecond), Math::max);
        return limiter;
    }

    /** One limiter (see {@link RateLimits#limiter}). */
    public static final class Limiter {
        private final RateLimits limits;
        private final String name;
        private final double perSecond;
        private final int burst;

        private Limiter(RateLimits limits, String name, double perSecond, int burst) {
            this.limits = limits;
            this.name = name;
            this.perSecond = perSecond;
            this.burst = burst;
        }

        /**
         * Takes a token for {@code key}: zero when the request may go on, else about how long until a token is there
         * (at least a second; for {@code Retry-After}). Throws a data access exception when the database cannot be had.
         */
        public Duration acquire(String key) {
            return limits.take(name + ":" + limits.cipher.hash("rate:" + name, key).substring(0, HASH_CHARS), burst, perSecond);
        }
    }

    /** One statement, atomic by itself: run without a transaction around it (autocommit), one round trip. */
    @Connectable
    Duration take(String bucket, int burst, double perSecond) {
        return jdbc.prepareStatement(TAKE, ps -> {
            ps.setString(1, bucket);
            ps.setString(2, bucket);
            ps.setInt(3, burst);
            for (int i = 4; i <= 8; i += 2) {
                ps.setInt(i, burst);
                ps.setDouble(i + 1, perSecond);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Duration.ZERO;
                }
                double available = rs.getDouble(2);
                // no earlier row seen (another replica created it in the same instant): a token's worth of waiting
                double missing = rs.wasNull() ? 1 : Math.max(0, 1 - available);
                return Duration.ofSeconds(Math.max(1, (long) Math.ceil(missing / perSecond)));
            }
        });
    }

    /**
     * Removes the buckets untouched for longer than the slowest limiter takes to fill one (and at least an hour): they
     * are full again, the same as no bucket. Answers how many went.
     */
    @Transactional
    public int purge() {
        return jdbc.prepareStatement("delete from rate_bucket where updated_at < now() - make_interval(secs => ?)", ps -> {
            ps.setLong(1, longestRefillSeconds.get());
            return ps.executeUpdate();
        });
    }
}
