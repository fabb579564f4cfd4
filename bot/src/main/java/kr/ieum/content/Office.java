package kr.ieum.content;

import java.util.List;

/**
 * An immigration office from {@code content/offices.yaml}. Only facts from the verified facts file: an address
 * or hours the facts do not confirm are null, never guessed.
 *
 * @param address     the address (English), or null when it is not confirmed
 * @param hours       opening hours, or null when they are not confirmed
 * @param places      the places (Hangul, as written in Korea) this office covers
 * @param confirmed   true when the facts confirm that the office covers {@code places}; false when it is only
 *                    the office in that city
 */
public record Office(String id, String nameKo, String nameEn, String address, Hours hours, List<String> places,
        boolean confirmed) {

    /** Weekday opening hours, "09:00" style. */
    public record Hours(String open, String close, String lunchStart, String lunchEnd) {}

    /** The pseudo-office of places whose office is not known: the finder says so and points to 1345. */
    public static final String UNKNOWN = "unknown";

    public boolean unknown() {
        return UNKNOWN.equals(id);
    }
}
