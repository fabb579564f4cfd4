package kr.ieum.handoff;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Requests for a person: what a resident is promised when asking (a person who reads their language, within the usual
 * wait, only when one is at work; otherwise 1345 and the request kept for the next working day), and who owns the
 * conversation while an agent answers. The bot is quiet while an agent owns it and takes over again on resolve, or when
 * the agent has been silent for {@code ieum.handoff.timeout}.
 */
@Singleton
public class HandoffService {
    public static final String REASON_HUMAN = "human";
    /** "I have a problem" at a journey's step */
    public static final String REASON_PROBLEM = "problem";
    /** two questions in a row the bot could not answer ({@code ieum.handoff.after-unanswered}) */
    public static final String REASON_UNANSWERED = "unanswered";
    private final HandoffStore store;
    private final HandoffProperties properties;
    private final Clock clock;
    private final io.micronaut.context.event.ApplicationEventPublisher<HandoffRequested> events;

    HandoffService(HandoffStore store, HandoffProperties properties, Clock clock,
            io.micronaut.context.event.ApplicationEventPublisher<HandoffRequested> events) {
        this.events = events;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What the resident was told and why.
     *
     * @param covered   an agent who reads the language is at work now
     * @param waitHours the usual wait, in whole hours (at least 1)
     * @param lineHours which 1345 hours apply to this language: {@code long}, {@code day} or {@code other}
     */
    public record Promise(Handoff handoff, boolean covered, int waitHours, String lineHours) {}

    /** A resident asks for a person: their open request, or a new one. */
    public Promise request(long contactId, String language, String reason, String topic) {
        String channel = store.channel(contactId);
        boolean covered = properties.languages().contains(language) && open(clock.instant());
        Handoff h = store.open(contactId).orElseGet(() -> {
            Handoff created = store.create(contactId, channel, language, reason, topic, covered, clock.instant());
            events.publishEvent(new HandoffRequested(created));
            return created;
        });
        int wait = (int) Math.max(1, Math.ceil(properties.expectedWait().toMinutes() / 60.0));
        String line = properties.lineLongHours().contains(language) ? "long" : properties.lineLanguages().contains(language) ? "day" : "other";
        return new Promise(h, covered, wait, line);
    }

    /**
     * The request an agent owns for this contact, if any. One whose agent has been silent longer than the timeout is
     * closed as expired and answered as {@link Ownership#expired()}.
     */
    public Ownership ownership(long contactId) {
        HandoffStore.State state = store.state(contactId);
        Optional<Handoff> open = state.open();
        if (open.isEmpty() || !Handoff.CLAIMED.equals(open.get().status())) {
            return new Ownership(null, false, state.pending());
        }
        Handoff h = open.get();
        Instant last = h.lastAgentAt() != null ? h.lastAgentAt() : h.claimedAt();
        if (last != null && last.plus(properties.timeout()).isBefore(clock.instant())) {
            store.close(h.id(), Handoff.EXPIRED, clock.instant());
            return new Ownership(null, true, state.pending());
        }
        return new Ownership(h, false, state.pending());
    }

    /**
     * @param owned   the request an agent owns (null when none)
     * @param expired true when it just timed out
     * @param pending messages written to the resident wait to be delivered ({@link #pending(long)})
     */
    public record Ownership(Handoff owned, boolean expired, boolean pending) {}

    /**
     * A message written to the resident during a handoff.
     *
     * @param agent who wrote it, or null for the bot's own words about the handoff
     */
    public record Message(long id, String agent, String language, String body, Instant createdAt, Instant deliveredAt) {}

    /** Keeps a message for the resident; answers its id (the channel side delivers it). */
    public long say(Handoff h, String agent, String language, String body) {
        if (agent != null) {
            store.agentSpoke(h.id(), clock.instant());
        }
        return store.addMessage(h, agent, language, body, clock.instant());
    }

    public List<Message> pending(long contactId) {
        return store.pending(contactId);
    }

    public List<Message> messages(long handoffId) {
        return store.messages(handoffId);
    }

    public void delivered(List<Long> ids) {
        store.delivered(ids, clock.instant());
    }

    /**
     * True when this question is the {@code ieum.handoff.after-unanswered}-th in a row the bot could not answer (0 = off)
     * and no request is open: then a person is asked instead of the bot's "I don't know" again.
     */
    public boolean unansweredStreak(long contactId) {
        int after = properties.afterUnanswered();
        return after > 0 && store.open(contactId).isEmpty() && store.unansweredInARow(contactId, after - 1);
    }

    public List<Handoff> open() {
        return store.open();
    }

    public Optional<Handoff> get(long id) {
        return store.get(id);
    }

    public boolean claim(long id, String agent) {
        return store.claim(id, agent, clock.instant());
    }

    public boolean release(long id, String agent) {
        return store.release(id, agent);
    }

    public boolean resolve(long id) {
        return store.close(id, Handoff.RESOLVED, clock.instant());
    }

    public void agentSpoke(long id) {
        store.agentSpoke(id, clock.instant());
    }

    public Instant now() {
        return clock.instant();
    }

    /** True when agents work at {@code at} (their days and hours, Korea time). */
    boolean open(Instant at) {
        ZonedDateTime t = at.atZone(ZoneId.of(properties.zone()));
        String[] days = properties.days().toUpperCase().split("-");
        DayOfWeek first = day(days[0]);
        DayOfWeek last = day(days.length > 1 ? days[1] : days[0]);
        int d = t.getDayOfWeek().getValue();
        boolean workday = first.getValue() <= last.getValue() ? d >= first.getValue() && d <= last.getValue()
                : d >= first.getValue() || d <= last.getValue();
        String[] hours = properties.hours().split("-");
        LocalTime from = LocalTime.parse(hours[0].strip());
        LocalTime to = LocalTime.parse(hours[1].strip());
        LocalTime now = t.toLocalTime();
        return workday && !now.isBefore(from) && now.isBefore(to);
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(s.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("ieum.handoff.days: unknown day " + s);
    }
}
