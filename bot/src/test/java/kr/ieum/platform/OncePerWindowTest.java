package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OncePerWindowTest {
    /** An outage at hundreds of webhooks a second: one log line per window, which counts the 503s it stands for. */
    @Test
    void anOutageIsLoggedOncePerWindowWithHowManyMoreRequestsItAnswered() {
        AtomicLong now = new AtomicLong(1_000);
        OncePerWindow limit = new OncePerWindow(Duration.ofSeconds(30), now::get);
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) { // 100 requests a second for 45 s
            limit.next().ifPresent(lines::add);
            now.addAndGet(10_000_000L);
        }
        assertEquals(List.of(0, 2_999), lines, "the first, then one 30 s later with the 2,999 in between");
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(OptionalInt.of(1_499), limit.next(), "the next outage's first line counts what the last window held back");
    }

    @Test
    void theSuffixSaysHowManyMoreAndOfWhatOnlyWhenThereWereAny() {
        assertEquals("", OncePerWindow.andMore(0));
        assertEquals("", OncePerWindow.andMore(0, "requests answered 503"));
        assertEquals(" (and 2 more since the last such line)", OncePerWindow.andMore(2));
        assertEquals(" (and 2999 more requests answered 503 since the last such line)",
                OncePerWindow.andMore(2_999, "requests answered 503"));
    }
}
