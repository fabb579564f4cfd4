package kr.ieum.channel;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.ieum.platform.AddressCipher;

/**
 * The inbox (every verified webhook, stored before it is acknowledged, keyed by the provider's message id)
 * and the outbox (replies waiting to be sent) in PostgreSQL. Addresses and payloads are stored encrypted and
 * cleared once processed or sent.
 */
@Singleton
class ChannelStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChannelStore.class);
    private static final int MAX_ERROR = 300;
    private static final int MAX_PROVIDER_ID = 200;
    private final JdbcOperations jdbc;
    private final AddressCipher cipher;
    private final ObjectMapper json;

    ChannelStore(JdbcOperations jdbc, AddressCipher cipher, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    /** A stored inbound message, decrypted. */
    /** @param first no earlier message of the same contact waits */
    record Inbound(long id, int attempts, InboundEnvelope envelope, boolean first) {}

    /** The NOTIFY channel on which an outbox row is handed to the replica holding its resident's connection. */
    static final String HANDOVERS = "ieum_outbox_handover";

    /** The first key of the advisory locks that serialise one contact's turns (the second is the contact's hash). */
    static final int CONTACT_LOCKS = 7452002;

    /** A reply waiting in the outbox, decrypted. */
    record Pending(long id, int attempts, Delivery delivery, int partsSent, Instant createdAt) {
        /**
         * Unique to this row: its id alone could come back (a database restored from a backup, a test database made
         * again), its id with its creation time (microseconds) cannot.
         */
        String key() {
            return id + "@" + java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        }
    }

    /** Stores a webhook once; answers its id, or empty when the provider's id was seen before (a retry). */
    @Connectable // one statement: no transaction around it (autocommit), which saves PostgreSQL a BEGIN and a COMMIT
    Optional<Long> storeInbound(InboundEnvelope env) {
        Instant now = Instant.now();
        return jdbc.prepareStatement("insert into inbox (channel, provider_id, address_hash, address_enc, payload_enc, "
                + "received_at, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (channel, provider_id) do nothing "
                + "returning id", ps -> {
            ps.setString(1, env.channel());
            ps.setString(2, storableId(env.providerId()));
            ps.setString(3, cipher.hash(env.channel(), env.address()));
            ps.setBytes(4, cipher.encrypt(env.address()));
            ps.setBytes(5, cipher.encrypt(write(env)));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
        });
    }

    /**
     * A provider's message id as the inbox keeps it: unchanged, unless PostgreSQL cannot hold it (a NUL) or the column
     * cannot (over {@value #MAX_PROVIDER_ID} characters); such an id (no provider sends one: a forged or broken webhook)
     * is kept as its digest, so that it is stored, and recognised when it comes again, instead of failing the webhook.
     */
    static String storableId(String id) {
        if (id.length() <= MAX_PROVIDER_ID && id.indexOf('\0') < 0) {
            return id;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Serialises the turns of one contact across replicas: takes a transaction-scoped advisory lock on the contact of
     * inbox row {@code id} (channel and address hash), so a second message of the same resident waits while the first
     * one's turn runs on any replica. Call before {@link #claimInbound}, in the same transaction.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void lockContact(long id) {
        jdbc.prepareStatement("select pg_advisory_xact_lock(" + CONTACT_LOCKS + ", hashtext(channel || ':' || address_hash)) "
                + "from inbox where id = ? and address_hash is not null", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * Locks a new inbound message for processing; empty when another worker has it or it is done. Also says whether the
     * message may go now ({@link Inbound#first}): not while an earlier message of the same contact still waits (a later
     * webhook overtook it), so that turns run in the order residents wrote. A statement of its own after
     * {@link #lockContact}: it must see what the turn it waited for committed (a statement's snapshot is taken when it
     * starts, before the lock was granted); one statement for both, since a turn's cost in PostgreSQL is mostly per
     * statement.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Inbound> claimInbound(long id) {
        return jdbc.prepareStatement("select i.attempts, i.payload_enc, not exists (select 1 from inbox e where e.channel = i.channel "
                + "and e.address_hash = i.address_hash and e.state = 'new' and e.id < i.id) from inbox i where i.id = ? "
                + "and i.state = 'new' and i.payload_enc is not null for update of i skip locked", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Inbound>empty();
                }
                InboundEnvelope env = read(cipher.decrypt(rs.getBytes(2)), InboundEnvelope.class);
                return Optional.of(new Inbound(id, rs.getInt(1), env, rs.getBoolean(3)));
            }
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void inboundDone(long id) {
        jdbc.prepareStatement("update inbox set state = 'done', processed_at = ?, address_enc = null, payload_enc = null "
                + "where id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    /** Records a failed processing attempt: retried after {@code delay}, or marked failed after {@code maxAttempts}. */
    @Transactional
    void inboundFailed(long id, Duration delay, int maxAttempts) {
        jdbc.prepareStatement("update inbox set attempts = attempts + 1, next_attempt_at = ?, "
                + "state = case when attempts + 1 >= ? then 'failed' else 'new' end where id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now().plus(delay)));
            ps.setInt(2, maxAttempts);
            ps.setLong(3, id);
            return ps.executeUpdate();
        });
    }

    /** Ids of inbound messages not processed yet whose time has come (after a crash or a failed attempt). */
    @Transactional
    List<Long> dueInbound(Instant receivedBefore, int limit) {
        return ids("select id from inbox where state = 'new' and next_attempt_at <= ? and received_at <= ? "
                + "order by id limit " + limit, receivedBefore);
    }

    /** Puts one turn's replies in the outbox; answers the row id. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    long enqueue(Delivery delivery) {
        Instant now = Instant.now();
        return jdbc.prepareStatement("insert into outbox (channel, address_hash, address_enc, payload_enc, created_at, "
                + "next_attempt_at) values (?, ?, ?, ?, ?, ?) returning id", ps -> {
            ps.setString(1, delivery.channel());
            ps.setString(2, cipher.hash(delivery.channel(), delivery.address()));
            ps.setBytes(3, cipher.encrypt(delivery.address()));
            ps.setBytes(4, cipher.encrypt(write(delivery)));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Puts replies in the outbox in a transaction of its own. */
    @Transactional
    long enqueueNow(Delivery delivery) {
        return enqueue(delivery);
    }

    /**
     * Claims due replies (or the one with {@code onlyId}) for {@code lease}, in a transaction of its own: rows another
     * worker holds (locked now, or claimed and its lease not over) are skipped. The caller sends them outside any
     * transaction and marks each with {@link #sent}, {@link #retryLater} or {@link #dead}.
     */
    @Connectable // one statement: no transaction around it (autocommit), which saves PostgreSQL a BEGIN and a COMMIT
    List<Pending> claimDue(Long onlyId, int limit, Duration lease) {
        return claim(onlyId, limit, lease, true);
    }

    /**
     * Claims the pending row {@code id} for {@code lease} whether or not its next attempt is due (a row handed over to
     * this replica, which holds its resident's connection); empty when another worker holds it or it is done.
     */
    @Transactional
    List<Pending> claimHandedOver(long id, Duration lease) {
        return claim(id, 1, lease, false);
    }

    private List<Pending> claim(Long onlyId, int limit, Duration lease, boolean dueOnly) {
        Instant now = Instant.now();
        String sql = "update outbox set claimed_until = ? where id in (select id from outbox where state = 'pending' "
                + "and (claimed_until is null or claimed_until < ?) " + (dueOnly ? "and next_attempt_at <= ? " : "")
                + (onlyId == null ? "" : "and id = ? ") + "order by id limit " + limit + " for update skip locked) "
                + "returning id, attempts, payload_enc, parts_sent, created_at";
        return jdbc.prepareStatement(sql, ps -> {
            int p = 1;
            ps.setTimestamp(p++, Timestamp.from(now.plus(lease)));
            ps.setTimestamp(p++, Timestamp.from(now));
            if (dueOnly) {
                ps.setTimestamp(p++, Timestamp.from(now));
            }
            if (onlyId != null) {
                ps.setLong(p, onlyId);
            }
            List<Pending> out = new ArrayList<>();
            List<long[]> unreadable = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        byte[] payload = rs.getBytes(3);
                        if (payload == null) {
                            throw new IllegalStateException("no payload");
                        }
                        out.add(new Pending(rs.getLong(1), rs.getInt(2), read(cipher.decrypt(payload), Delivery.class), rs.getInt(4),
                                rs.getTimestamp(5).toInstant()));
                    } catch (IllegalStateException | UncheckedIOException e) {
                        // one row that cannot be read must not block the others, nor be retried forever
                        unreadable.add(new long[] {rs.getLong(1)});
                        reasons.add(e.getMessage());
                    }
                }
            }
            for (int i = 0; i < unreadable.size(); i++) {
                unreadable(unreadable.get(i)[0], reasons.get(i));
            }
            return out;
        });
    }

    /** One more of a delivery's messages was taken by the provider: kept at once, so a retry skips it. */
    @Connectable // one statement: no transaction around it (autocommit), which saves PostgreSQL a BEGIN and a COMMIT
    void partSent(long id, int partsSent, String providerId) {
        jdbc.prepareStatement("update outbox set parts_sent = ?, provider_id = ? where id = ?", ps -> {
            ps.setInt(1, partsSent);
            ps.setString(2, providerId);
            ps.setLong(3, id);
            return ps.executeUpdate();
        });
    }

    /** The delivery went whole ({@code partsSent} of its messages in all, the last one with {@code providerId}). */
    @Connectable // one statement: no transaction around it (autocommit), which saves PostgreSQL a BEGIN and a COMMIT
    void sent(long id, int partsSent, String providerId) {
        jdbc.prepareStatement("update outbox set state = 'sent', sent_at = ?, parts_sent = greatest(parts_sent, ?), "
                + "provider_id = coalesce(?, provider_id), attempts = attempts + 1, "
                + "address_enc = null, payload_enc = null, last_error = null, claimed_until = null where id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setInt(2, partsSent);
            ps.setString(3, providerId);
            ps.setLong(4, id);
            return ps.executeUpdate();
        });
    }

    @Transactional
    void retryLater(long id, String error, Duration delay) {
        jdbc.prepareStatement("update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = null "
                + "where id = ?", ps -> {
            ps.setString(1, clip(error));
            ps.setTimestamp(2, Timestamp.from(Instant.now().plus(delay)));
            ps.setLong(3, id);
            return ps.executeUpdate();
        });
    }

    /**
     * As {@link #retryLater}, for a row whose resident is connected to another replica (or to none): and tells every
     * replica, with a NOTIFY on {@value #HANDOVERS} carrying the row's id (delivered at commit, once the row is free to
     * claim), so that the one holding the connection claims and sends it at once.
     */
    @Transactional
    void handOver(long id, String error, Duration delay) {
        retryLater(id, error, delay);
        jdbc.prepareStatement("select pg_notify('" + HANDOVERS + "', ?)", ps -> {
            ps.setString(1, Long.toString(id));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Where a pending outbox row goes. */
    record Recipient(String channel, String address) {}

    /** The channel and address of pending row {@code id}, decrypted; empty when it is sent, dead or gone. */
    @Transactional
    Optional<Recipient> pendingRecipient(long id) {
        return jdbc.prepareStatement("select channel, address_enc from outbox where id = ? and state = 'pending' "
                + "and address_enc is not null", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Recipient(rs.getString(1), cipher.decrypt(rs.getBytes(2))))
                        : Optional.<Recipient>empty();
            }
        });
    }

    /** Ids of the pending rows for {@code address} on {@code channel}, oldest first (at most {@code limit}). */
    @Transactional
    List<Long> pendingFor(String channel, String address, int limit) {
        return jdbc.prepareStatement("select id from outbox where state = 'pending' and channel = ? and address_hash = ? "
                + "order by id limit " + limit, ps -> {
            ps.setString(1, channel);
            ps.setString(2, cipher.hash(channel, address));
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** Puts a claimed row back for later without counting an attempt (its provider is paused: the circuit is open). */
    @Transactional
    void postpone(long id, Duration delay) {
        jdbc.prepareStatement("update outbox set next_attempt_at = ?, claimed_until = null where id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now().plus(delay)));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    @Transactional
    void dead(long id, String error) {
        jdbc.prepareStatement("update outbox set state = 'dead', attempts = attempts + 1, last_error = ?, "
                + "address_enc = null, payload_enc = null, claimed_until = null where id = ?", ps -> {
            ps.setString(1, clip(error));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    /**
     * Dead-letters a row that cannot be decrypted or read (another master key, a damaged payload): its reason is kept,
     * and so is its encrypted payload, until the retention job removes it, so that an operator can re-drive it.
     */
    private void unreadable(long id, String reason) {
        jdbc.prepareStatement("update outbox set state = 'dead', attempts = attempts + 1, last_error = ? where id = ?", ps -> {
            ps.setString(1, clip("unreadable: " + reason));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
        LOG.warn("outbox {}: cannot be read ({}); dead-lettered, payload kept for an operator", id, reason);
    }

    /** Records a provider's delivery status (Twilio status callback, WhatsApp statuses); answers rows updated. */
    @Transactional
    public int recordStatus(String channel, String providerId, String status) {
        return jdbc.prepareStatement("update outbox set provider_status = ? where channel = ? and provider_id = ?", ps -> {
            String kept = status.replace("\0", "");
            ps.setString(1, kept.length() > 32 ? kept.substring(0, 32) : kept);
            ps.setString(2, channel);
            ps.setString(3, storableId(providerId));
            return ps.executeUpdate();
        });
    }

    /** Counts rows of {@code table} (inbox or outbox) in {@code state}, of one channel or (null) all, for metrics and tests. */
    @Transactional
    long count(String table, String channel, String state) {
        if (!table.equals("inbox") && !table.equals("outbox")) {
            throw new IllegalArgumentException("no such table: " + table);
        }
        String sql = "select count(*) from " + table + " where state = ?" + (channel == null ? "" : " and channel = ?");
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, state);
            if (channel != null) {
                ps.setString(2, channel);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Counts the inbound messages stored from one sender on a channel since {@code since} (rate limits). */
    @Transactional
    long countInboundSince(String channel, String address, Instant since) {
        return jdbc.prepareStatement("select count(*) from inbox where channel = ? and address_hash = ? and received_at >= ?",
                ps -> {
                    ps.setString(1, channel);
                    ps.setString(2, cipher.hash(channel, address));
                    ps.setTimestamp(3, Timestamp.from(since));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    /** Retention: removes processed inbox rows and finished outbox rows older than {@code before}. */
    @Transactional
    int purgeBefore(Instant before) {
        int inbox = jdbc.prepareStatement("delete from inbox where received_at < ? and state <> 'new'", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
        int outbox = jdbc.prepareStatement("delete from outbox where created_at < ? and state <> 'pending'", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
        return inbox + outbox;
    }

    private List<Long> ids(String sql, Instant at) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setTimestamp(2, Timestamp.from(at));
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    private static String clip(String error) {
        if (error == null) {
            return null;
        }
        return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
