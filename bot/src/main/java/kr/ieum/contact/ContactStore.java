package kr.ieum.contact;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import kr.ieum.platform.AddressCipher;

/**
 * Contacts and their turns in PostgreSQL. {@link #lock} takes the contact's row lock for the rest of the
 * caller's transaction, so turns of one contact run one at a time, across replicas too.
 */
@Singleton
public class ContactStore {
    private final JdbcOperations jdbc;
    private final AddressCipher cipher;

    ContactStore(JdbcOperations jdbc, AddressCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Finds or creates the contact for {@code address} on {@code channel} and locks it; call inside a transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Contact lock(String channel, String address) {
        String hash = cipher.hash(channel, address);
        Instant now = Instant.now();
        int inserted = jdbc.prepareStatement("insert into contact (channel, address_hash, address_enc, first_seen, last_seen) "
                + "values (?, ?, ?, ?, ?) on conflict (channel, address_hash) do nothing", ps -> {
            ps.setString(1, channel);
            ps.setString(2, hash);
            ps.setBytes(3, cipher.encrypt(address));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return jdbc.prepareStatement("select id, language, language_explicit, consent, menu_kind, menu_items, pending_action, last_topic "
                + "from contact where channel = ? and address_hash = ? for update", ps -> {
            ps.setString(1, channel);
            ps.setString(2, hash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String items = rs.getString(6);
                return new Contact(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                        items == null || items.isEmpty() ? List.of() : List.of(items.split(",")), rs.getString(7), rs.getString(8), inserted == 1);
            }
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void save(Contact c) {
        jdbc.prepareStatement("update contact set language = ?, language_explicit = ?, consent = ?, menu_kind = ?, "
                + "menu_items = ?, pending_action = ?, last_topic = ?, last_seen = ? where id = ?", ps -> {
            ps.setString(1, c.language());
            ps.setBoolean(2, c.languageExplicit());
            ps.setString(3, c.consent());
            ps.setString(4, c.menuKind());
            ps.setString(5, String.join(",", c.menuItems()));
            ps.setString(6, c.pendingAction());
            ps.setString(7, c.lastTopic());
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.setLong(9, c.id());
            return ps.executeUpdate();
        });
    }

    /** Records one message; the body is redacted here, whatever the caller passed. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void recordTurn(long contactId, Turn turn) {
        jdbc.prepareStatement("insert into turn (contact_id, direction, body, language, language_confidence, outcome, topic, "
                + "score, created_at, processing_micros) values (?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setLong(1, contactId);
            ps.setString(2, turn.direction());
            ps.setString(3, Redactor.redact(turn.body()));
            ps.setString(4, turn.language());
            ps.setObject(5, turn.languageConfidence(), Types.REAL);
            ps.setString(6, turn.outcome());
            ps.setString(7, turn.topic());
            ps.setObject(8, turn.score(), Types.REAL);
            ps.setTimestamp(9, Timestamp.from(Instant.now()));
            ps.setObject(10, turn.processingMicros(), Types.INTEGER);
            return ps.executeUpdate();
        });
    }

    /**
     * Records that a known campaign brought this contact, unless one already did (the first campaign keeps the resident);
     * answers whether it did. An unknown code changes nothing.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean attribute(long contactId, String campaign, Instant at) {
        return jdbc.prepareStatement("update contact set campaign = ?, campaign_at = ? where id = ? and campaign is null "
                + "and exists (select 1 from campaign where code = ?)", ps -> {
            ps.setString(1, campaign);
            ps.setTimestamp(2, java.sql.Timestamp.from(at));
            ps.setLong(3, contactId);
            ps.setString(4, campaign);
            return ps.executeUpdate() == 1;
        });
    }

    /**
     * FORGET: deletes the contact and, by cascade, every turn; scrubs the address and bodies of its channel
     * messages (the inbox keeps only the provider's message id, so a retried webhook is still recognised).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void forget(long contactId) {
        jdbc.prepareStatement("update inbox set address_hash = null, address_enc = null, payload_enc = null "
                + "from contact c where c.id = ? and inbox.channel = c.channel and inbox.address_hash = c.address_hash", ps -> {
            ps.setLong(1, contactId);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("delete from outbox using contact c "
                + "where c.id = ? and outbox.channel = c.channel and outbox.address_hash = c.address_hash", ps -> {
            ps.setLong(1, contactId);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("delete from contact where id = ?", ps -> {
            ps.setLong(1, contactId);
            return ps.executeUpdate();
        });
    }

    /** Clears message bodies older than {@code before}; answers how many. */
    @Transactional
    public int clearBodiesBefore(Instant before) {
        return jdbc.prepareStatement("update turn set body = null where body is not null and created_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }
}
