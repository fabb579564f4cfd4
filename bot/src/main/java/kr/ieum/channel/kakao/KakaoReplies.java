package kr.ieum.channel.kakao;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kr.ieum.platform.AddressCipher;

/**
 * Idempotency for skill requests, which carry no message id. A request's fingerprint is a keyed hash of bot id,
 * user id and utterance; the first request with a fingerprint <em>claims</em> it for {@code dedupe-window} and
 * runs the turn, and its skill response is kept (encrypted) so that a repeat inside the window (Kakao's retry,
 * or the resident re-sending after a timeout) is answered with the same response instead of a second turn.
 * Rows are purged a few minutes later.
 */
@Singleton
@Requires(property = "ieum.channels.kakao.enabled", value = "true")
class KakaoReplies {
    private static final Duration KEEP = Duration.ofMinutes(10);
    private final JdbcOperations jdbc;
    private final AddressCipher cipher;

    KakaoReplies(JdbcOperations jdbc, AddressCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The fingerprint of a request (hex); keyed, so it reveals nothing about user or text without the master key. */
    String fingerprint(SkillRequest request) {
        return cipher.hash("kakao", request.botId() + '\u0000' + request.userId() + '\u0000' + request.utterance());
    }

    /**
     * Claims {@code fingerprint} unless a request with it was claimed less than {@code window} ago; answers the
     * claim's time (part of the inbox key), or empty for a repeat. Atomic: of two concurrent requests one wins.
     */
    @Transactional
    Optional<Instant> claim(String fingerprint, Duration window) {
        Instant now = Instant.now();
        return jdbc.prepareStatement("insert into kakao_reply (fingerprint, claimed_at) values (?, ?) "
                + "on conflict (fingerprint) do update set claimed_at = excluded.claimed_at, response_enc = null "
                + "where kakao_reply.claimed_at < ? returning claimed_at", ps -> {
            ps.setString(1, fingerprint);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now.minus(window)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(now) : Optional.<Instant>empty();
            }
        });
    }

    /** Keeps the skill response of a claimed request. */
    @Transactional
    void save(String fingerprint, String response) {
        jdbc.prepareStatement("update kakao_reply set response_enc = ? where fingerprint = ?", ps -> {
            ps.setBytes(1, cipher.encrypt(response));
            ps.setString(2, fingerprint);
            return ps.executeUpdate();
        });
    }

    /** Gives a claim up (its turn failed), so that a repeat runs the turn again. */
    @Transactional
    void release(String fingerprint) {
        jdbc.prepareStatement("delete from kakao_reply where fingerprint = ? and response_enc is null", ps -> {
            ps.setString(1, fingerprint);
            return ps.executeUpdate();
        });
    }

    /** The response kept for {@code fingerprint}, if its turn has finished. */
    @Transactional
    Optional<String> response(String fingerprint) {
        return jdbc.prepareStatement("select response_enc from kakao_reply where fingerprint = ?", ps -> {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBytes(1) == null) {
                    return Optional.<String>empty();
                }
                return Optional.of(cipher.decrypt(rs.getBytes(1)));
            }
        });
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    @Transactional
    void purge() {
        jdbc.prepareStatement("delete from kakao_reply where claimed_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(KEEP)));
            return ps.executeUpdate();
        });
    }
}
