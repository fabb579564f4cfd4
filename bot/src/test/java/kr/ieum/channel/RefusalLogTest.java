package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kr.ieum.platform.OncePerWindow;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    /** A flood of forged webhooks (the fuzz run sent 84,507): one line a minute, which counts the refusals it stands for. */
    @Test
    void aFloodOfForgedWebhooksIsLoggedOnceAMinuteWithItsCount() {
        AtomicLong now = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog(lines::add, "line webhook rejected: missing or wrong signature",
                new OncePerWindow(RefusalLog.WINDOW, now::get));
        for (int i = 0; i < 9_000; i++) { // 100 a second for 90 s
            log.refused();
            now.addAndGet(Duration.ofMillis(10).toNanos());
        }
        assertEquals(List.of("line webhook rejected: missing or wrong signature",
                "line webhook rejected: missing or wrong signature (and 5999 more since the last such line)"), lines);
    }

    @Test
    void aRareRefusalIsLoggedEachTime() {
        AtomicLong now = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog(lines::add, "telegram webhook rejected", new OncePerWindow(RefusalLog.WINDOW, now::get));
        for (int i = 0; i < 3; i++) {
            log.refused();
            now.addAndGet(Duration.ofMinutes(2).toNanos());
        }
        assertEquals(List.of("telegram webhook rejected", "telegram webhook rejected", "telegram webhook rejected"), lines);
    }
}
