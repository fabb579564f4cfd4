package kr.ieum.channel;

import java.time.Duration;
import java.util.function.Consumer;
import kr.ieum.platform.OncePerWindow;
import org.slf4j.Logger;

/**
 * The WARN line for one kind of refused webhook (no or a wrong signature, a sender outside the allowed addresses).
 * Anyone can send such requests, so each kind is logged at most once a minute, with how many more were refused since
 * the last line: a flood of forged webhooks cannot flood the log, and the operator still sees how many came.
 */
public final class RefusalLog {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private final Consumer<String> sink;
    private final String line;
    private final OncePerWindow window;

    public RefusalLog(Logger log, String line) {
        this(log::warn, line, new OncePerWindow(WINDOW));
    }

    RefusalLog(Consumer<String> sink, String line, OncePerWindow window) {
        this.sink = sink;
        this.line = line;
        this.window = window;
    }

    /** One more request of this kind was refused. */
    public void refused() {
        window.next().ifPresent(more -> sink.accept(line + OncePerWindow.andMore(more)));
    }
}
