package kr.ieum.channel.webchat;

import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The open event streams ({@code GET /webchat/events}) of this replica, by session id. A reply sent later is pushed to
 * every open stream of its session here; a replica with none open for the session hands the reply over to the replica
 * that has one (the outbox's handover, a PostgreSQL NOTIFY), and with none open anywhere the outbox tries again later.
 * At most a few streams per session are kept: a new one closes the oldest.
 */
@Singleton
class WebchatStreams {
    static final int MAX_PER_SESSION = 4;
    private final Map<String, Deque<Sinks.Many<Object>>> bySession = new HashMap<>();

    /**
     * Opens a stream for {@code sessionId}: a "ready" event, then pushed replies, with keep-alive events. {@code opened}
     * runs once the stream is registered (pushes reach it from then on).
     */
    Flux<Event<?>> open(String sessionId, Duration heartbeat, Runnable opened) {
        return Flux.defer(() -> {
            Sinks.Many<Object> sink = Sinks.many().unicast().onBackpressureBuffer();
            register(sessionId, sink);
            opened.run();
            Flux<Event<?>> replies = sink.asFlux().map(r -> (Event<?>) Event.of(r).name("message"));
            Flux<Event<?>> pings = Flux.interval(heartbeat).map(i -> (Event<?>) Event.of(Map.of()).name("ping"));
            Event<?> ready = Event.of(Map.of("status", "ready")).name("ready");
            return Flux.<Event<?>>just(ready).concatWith(Flux.merge(replies, pings))
                    .doFinally(signal -> unregister(sessionId, sink));
        });
    }

    /** Pushes {@code replies} to the open streams of {@code sessionId}; answers how many streams took it. */
    int push(String sessionId, Object replies) {
        Deque<Sinks.Many<Object>> sinks;
        synchronized (this) {
            Deque<Sinks.Many<Object>> open = bySession.get(sessionId);
            sinks = open == null ? new ArrayDeque<>() : new ArrayDeque<>(open);
        }
        int delivered = 0;
        for (Sinks.Many<Object> sink : sinks) {
            Sinks.EmitResult result;
            synchronized (sink) {
                result = sink.tryEmitNext(replies);
            }
            if (result.isSuccess()) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Streams open for {@code sessionId} on this replica. */
    synchronized int count(String sessionId) {
        Deque<Sinks.Many<Object>> open = bySession.get(sessionId);
        return open == null ? 0 : open.size();
    }

    private void register(String sessionId, Sinks.Many<Object> sink) {
        Sinks.Many<Object> evicted = null;
        synchronized (this) {
            Deque<Sinks.Many<Object>> open = bySession.computeIfAbsent(sessionId, k -> new ArrayDeque<>());
            open.addLast(sink);
            if (open.size() > MAX_PER_SESSION) {
                evicted = open.removeFirst();
            }
        }
        if (evicted != null) {
            synchronized (evicted) {
                evicted.tryEmitComplete();
            }
        }
    }

    private synchronized void unregister(String sessionId, Sinks.Many<Object> sink) {
        Deque<Sinks.Many<Object>> open = bySession.get(sessionId);
        if (open != null) {
            open.remove(sink);
            if (open.isEmpty()) {
                bySession.remove(sessionId);
            }
        }
    }
}
