package kr.ieum.fuzz;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Sends generated requests of one route, {@code parallelism} at a time, and hands each outcome on. */
public final class FuzzRun {
    private FuzzRun() {}

    /** Requests 0 to {@code count - 1}. */
    public static void run(Endpoints.Endpoint endpoint, long seed, int count, int parallelism, Sender sender, Consumer<Sender.Outcome> sink)
            throws InterruptedException {
        run(endpoint, seed, 0, count, parallelism, sender, sink);
    }

    /** Requests {@code from} to {@code to - 1}. */
    public static void run(Endpoints.Endpoint endpoint, long seed, int from, int to, int parallelism, Sender sender,
            Consumer<Sender.Outcome> sink) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(from);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(parallelism);
        try {
            for (int w = 0; w < parallelism; w++) {
                workers.execute(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < to && failed.get() == null; i = next.getAndIncrement()) {
                            sink.accept(sender.send(endpoint.request(seed, i)));
                        }
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
        } finally {
            workers.shutdown();
        }
        if (!workers.awaitTermination(1, TimeUnit.DAYS)) {
            throw new IllegalStateException("the fuzz workers did not finish");
        }
        if (failed.get() != null) {
            throw new IllegalStateException("generating or sending " + endpoint.name() + " failed", failed.get());
        }
    }
}
