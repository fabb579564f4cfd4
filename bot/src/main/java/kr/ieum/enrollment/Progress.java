package kr.ieum.enrollment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one contact is in one journey.
 *
 * @param slots    what they answered so far (answer name to choice id)
 * @param status   {@code active}, {@code completed}, {@code cannot} or {@code abandoned}
 * @param campaign the campaign code the journey was started from, or null
 */
public record Progress(long contactId, String journeyId, String stepId, Map<String, String> slots, String status,
        String locale, String channel, String campaign, Instant updatedAt) {

    public static final String ACTIVE = "active";

    public Progress {
        slots = Map.copyOf(slots);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }

    Progress at(String step, Map<String, String> newSlots, String newStatus) {
        return new Progress(contactId, journeyId, step, newSlots, newStatus, locale, channel, campaign, updatedAt);
    }

    Progress in(String newLocale) {
        return new Progress(contactId, journeyId, stepId, slots, status, newLocale, channel, campaign, updatedAt);
    }

    /** Slots as stored: {@code name=value;name=value} (names and values are content ids, never resident text). */
    String slotText() {
        StringBuilder out = new StringBuilder();
        slots.forEach((k, v) -> out.append(out.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return out.toString();
    }

    static Map<String, String> parseSlots(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }
}
