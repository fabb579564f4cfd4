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

    /**
     * Finds or creates the contact for {@code address} on {@code channel} and locks it; call inside a transaction. One
     * statement: the upsert takes the row lock either way and hands the row back ({@code xmax = 0} only on a row this
     * statement inserted), the latest version of it when it waited for another turn's lock (whose writes it then sees).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Contact lock(String channel, String address) {
        String hash = cipher.hash(channel, address);
        Instant now = Instant.now();
        return jdbc.prepareStatement("insert into contact (channel, address_hash, address_enc, first_seen, last_seen) "
                + "values (?, ?, ?, ?, ?) on conflict (channel, address_hash) do update set last_seen = excluded.last_seen "
                + "returning id, language, language_explicit, consent, menu_kind, menu_items, pending_action, last_topic, "
                + "xmax = 0, journeys, handoffs", ps -> {
            ps.setString(1, channel);
            ps.setString(2, hash);
            ps.setBytes(3, cipher.encrypt(address));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String items = rs.getString(6);
                return new Contact(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                        items == null || items.isEmpty() ? List.of() : List.of(items.split(",")), rs.getString(7), rs.getString(8),
                        rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11));
            }
        });
    }

    /**
     * Ends a turn: saves the contact's state and records the turn's messages (bodies redacted here, whatever the caller
     * passed), in one statement (an update in a {@code with} clause and one multi-row insert), since a turn's cost in
     * PostgreSQL is mostly per statement.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void finishTurn(Contact c, List<Turn> turns) {
        StringBuilder sql = new StringBuilder("with saved as (update contact set language = ?, language_explicit = ?, consent = ?, "
                + "menu_kind = ?, menu_items = ?, pending_action = ?, last_topic = ?, last_seen = ? where id = ?) ");
        if (turns.isEmpty()) {
            sql.append("select 1");
        } else {
            sql.append("insert into turn (contact_id, direction, body, language, language_confidence, outcome, topic, score, "
                    + "created_at, processing_micros) values ");
            for (int i = 0; i < turns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?,?,?,?,?,?,?,?,?,?)");
            }
        }
        jdbc.prepareStatement(sql.toString(), ps -> {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setString(1, c.language());
            ps.setBoolean(2, c.languageExplicit());
            ps.setString(3, c.consent());
            ps.setString(4, c.menuKind());
            ps.setString(5, String.join(",", c.menuItems()));
            ps.setString(6, c.pendingAction());
            ps.setString(7, c.lastTopic());
            ps.setTimestamp(8, now);
            ps.setLong(9, c.id());
            int p = 10;
            for (Turn turn : turns) {
                ps.setLong(p++, c.id());
                ps.setString(p++, turn.direction());
                ps.setString(p++, Redactor.redact(turn.body()));
                ps.setString(p++, turn.language());
                ps.setObject(p++, turn.languageConfidence(), Types.REAL);
                ps.setString(p++, turn.outcome());
                ps.setString(p++, turn.topic());
                ps.setObject(p++, turn.score(), Types.REAL);
                ps.setTimestamp(p++, now);
                ps.setObject(p++, turn.processingMicros(), Types.INTEGER);
            }
            return ps.execute();
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
