package kr.ieum.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.i18n.Messages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@link Messages#render}: the bot's own words from locales/, a plain message and one with arguments. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBenchmark {
    @Param({"ko", "vi", "ru", "my"})
    public String locale;

    private Messages messages;
    private final Map<String, Object> args = Map.of("language", "Tiếng Việt", "fallbackLanguage", "English");

    @Setup
    public void setUp() {
        var dir = Paths.fromSystem().locales();
        messages = LocalesLoader.messages(LocalesLoader.registry(dir), dir);
    }

    @Benchmark
    public Object plain() {
        return messages.render(locale, "unknown");
    }

    @Benchmark
    public Object withArguments() {
        return messages.render(locale, "notice.fallback", args);
    }
}
