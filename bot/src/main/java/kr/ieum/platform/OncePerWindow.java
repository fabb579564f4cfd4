package kr.ieum.platform;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Lets one event per window through: {@link #next} answers how many it held back since the last one it let through, or
 * empty to hold this one back. For log lines that anyone on the internet can cause (forged webhooks) or that an outage
 * causes for every request: one line per window, which says how many it stands for.
 */
public final class OncePerWindow {
    private final long windowNanos;
    private final LongSupplier clock;
    private boolean any;
    private long last;
    private int held;

    public OncePerWindow(Duration window) {
        this(window, System::nanoTime);
    }

    public OncePerWindow(Duration window, LongSupplier clock) {
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    public synchronized OptionalInt next() {
        long now = clock.getAsLong();
        if (any && now - last < windowNanos) {
            held++;
            return OptionalInt.empty();
        }
        any = true;
        last = now;
        int before = held;
        held = 0;
        return OptionalInt.of(before);
    }

    /** The suffix of a line that stands for {@code more} held-back events too: empty when it stands for itself only. */
    public static String andMore(int more) {
        return andMore(more, "");
    }

    /** As {@link #andMore(int)}, naming what was held back ("requests answered 503"). */
    public static String andMore(int more, String what) {
        return more == 0 ? "" : " (and " + more + " more" + (what.isEmpty() ? "" : " " + what) + " since the last such line)";
    }
}
