package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.InboundEnvelope;
import kr.ieum.conversation.TurnResult;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.platform.RateLimits;
import org.reactivestreams.Publisher;

/**
 * The web chat API. {@code POST /webchat/sessions} opens a session; {@code POST /webchat/messages} runs the turn
 * and answers its replies inline (stored once per {@code clientMessageId}, so a retry is not processed twice);
 * {@code GET /webchat/events} is a server-sent event stream for replies sent later. {@link WebchatFilter} has
 * checked the origin and the session token before any of these run. New sessions per client address and messages per
 * session are limited by all replicas together ({@link RateLimits}: a session's messages may go to any replica).
 */
@Controller("/webchat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "ieum.channels.webchat.enabled", value = "true", defaultValue = "true")
class WebchatController {
    private static final int RECENT = 2000;
    private static final Duration RECENT_TTL = Duration.ofMinutes(10);
    private final ChannelDispatcher dispatcher;
    private final SessionTokens tokens;
    private final ReplyRenderer renderer;
    private final WebchatStreams streams;
    private final WebchatProperties properties;
    private final LocaleRegistry locales;
    private final RateLimits.Limiter messageLimit;
    private final RateLimits.Limiter sessionLimit;
    /** Replies of recent messages, so a retry whose first response was lost still gets them (this replica only). */
    private final Map<String, Recent> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
            return size() > RECENT;
        }
    };

    private record Recent(WebchatWire.Replies replies, long at) {}

    WebchatController(ChannelDispatcher dispatcher, SessionTokens tokens, ReplyRenderer renderer, WebchatStreams streams,
            WebchatProperties properties, Messages messages, RateLimits limits) {
        this.dispatcher = dispatcher;
        this.tokens = tokens;
        this.renderer = renderer;
        this.streams = streams;
        this.properties = properties;
        this.locales = messages.locales();
        this.messageLimit = limits.limiter("webchat-message", properties.messagesPerMinute(), properties.burst());
        this.sessionLimit = limits.limiter("webchat-session", properties.sessionsPerMinute(), properties.sessionsPerMinute());
    }

    @Post(value = "/sessions", consumes = {MediaType.APPLICATION_JSON, MediaType.ALL})
    HttpResponse<?> session(HttpRequest<?> request, @Body @Nullable @Valid WebchatWire.SessionRequest body,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        Duration wait = sessionLimit.acquire(client(request));
        if (!wait.isZero()) {
            return tooMany(wait);
        }
        String language = locales.match(body == null ? null : body.lang())
                .or(() -> firstAccepted(acceptLanguage))
                .orElse("en");
        String token = tokens.issue(language);
        String sessionId = tokens.verify(token).orElseThrow().id();
        return HttpResponse.ok(new WebchatWire.SessionResponse(token, sessionId, language, renderer.direction(language)));
    }

    @Post("/messages")
    HttpResponse<?> message(@RequestAttribute(WebchatFilter.SESSION) SessionTokens.Session session,
            @Body @Valid WebchatWire.MessageRequest body) {
        if (body.text().length() > properties.maxText()) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(new WebchatWire.Problem("text-too-long"));
        }
        Duration wait = messageLimit.acquire(session.id());
        if (!wait.isZero()) {
            return tooMany(wait);
        }
        String providerId = session.id() + ":" + body.clientMessageId();
        InboundEnvelope envelope = new InboundEnvelope(WebchatChannel.CHANNEL, providerId, session.id(), body.text(),
                session.language(), false, Map.of());
        Optional<TurnResult> turn = dispatcher.handleNow(envelope);
        if (turn.isEmpty()) {
            WebchatWire.Replies earlier = recent(providerId);
            return HttpResponse.ok(earlier != null
                    ? new WebchatWire.Replies(earlier.language(), true, earlier.replies())
                    : new WebchatWire.Replies(session.language(), true, java.util.List.of()));
        }
        WebchatWire.Replies replies = renderer.render(turn.get().language(), false, turn.get().replies());
        remember(providerId, replies);
        return HttpResponse.ok(replies);
    }

    @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<?>> events(@RequestAttribute(WebchatFilter.SESSION) SessionTokens.Session session) {
        // replies queued while no stream of the session was open (anywhere) go now, not at their next retry
        return streams.open(session.id(), properties.heartbeat(), () -> dispatcher.sendWaiting(WebchatChannel.CHANNEL, session.id()));
    }

    private Optional<String> firstAccepted(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.length() > 500) {
            return Optional.empty();
        }
        return locales.match(acceptLanguage.split(",")[0].split(";")[0]);
    }

    private static HttpResponse<?> tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(new WebchatWire.Problem("too-many-requests"));
    }

    private static String client(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    private synchronized WebchatWire.Replies recent(String providerId) {
        Recent r = recent.get(providerId);
        return r == null || System.nanoTime() - r.at() > RECENT_TTL.toNanos() ? null : r.replies();
    }

    private synchronized void remember(String providerId, WebchatWire.Replies replies) {
        recent.put(providerId, new Recent(replies, System.nanoTime()));
    }
}
