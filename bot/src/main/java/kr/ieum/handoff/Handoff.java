package kr.ieum.handoff;

import java.time.Instant;

/**
 * A resident's request for a person.
 *
 * @param status  {@code waiting} (for an agent), {@code claimed} (an agent answers; the bot is quiet), {@code resolved},
 *                {@code expired} (the agent fell silent for longer than the timeout)
 * @param covered whether, when asked, an agent reading the resident's language was at work
 */
public record Handoff(long id, long contactId, String channel, String language, String reason, String topic, String status,
        boolean covered, Instant createdAt, String claimedBy, Instant claimedAt, Instant lastAgentAt, Instant closedAt) {

    public static final String WAITING = "waiting";
    public static final String CLAIMED = "claimed";
    public static final String RESOLVED = "resolved";
    public static final String EXPIRED = "expired";

    /** What agents call the resident: never an address or a name. */
    public String alias() {
        return "#" + id;
    }
}
