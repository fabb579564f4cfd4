package kr.ieum.channel.kakao;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.InboundEnvelope;
import kr.ieum.channel.RefusalLog;
import kr.ieum.conversation.TurnResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kakao i Open Builder skill endpoint ({@code POST /webhooks/kakao}). Kakao waits at most 5 seconds for the
 * skill response, so the turn runs inline ({@link ChannelDispatcher#handleNow}):
 * <ol>
 * <li>verify the shared secret header and the source address (nothing is read or stored before);</li>
 * <li>claim the request's fingerprint (see {@link KakaoReplies}): a repeat inside the window gets the first
 * turn's response, or a neutral "on its way" while that turn still runs — never a second turn;</li>
 * <li>run the turn; if Kakao offered a callback URL and the turn outlasts {@code time-budget}, answer
 * {@code useCallback: true} and send the response through the outbox to the callback URL when it is ready;
 * without a callback URL wait up to 4.5 s, else answer "on its way" (a repeat then gets the real answer).</li>
 * </ol>
 */
@Controller("/webhooks/kakao")
@Requires(property = "ieum.channels.kakao.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class KakaoSkillController {
    private static final Logger LOG = LoggerFactory.getLogger(KakaoSkillController.class);
    private static final RefusalLog NOT_CONFIGURED = new RefusalLog(LOG, "kakao skill refused: KAKAO_SKILL_SECRET is not configured");
    private static final RefusalLog ADDRESS_REFUSED = new RefusalLog(LOG, "kakao skill refused: source address not in KAKAO_ALLOWED_CIDRS");
    private static final RefusalLog SECRET_REFUSED = new RefusalLog(LOG, "kakao skill refused: missing or wrong " + KakaoRequestVerifier.HEADER);
    /** Kakao gives up after 5 s; leave room for the network. */
    private static final Duration INLINE_LIMIT = Duration.ofMillis(4500);
    private final KakaoProperties properties;
    private final KakaoRequestVerifier verifier;
    private final CallbackHosts callbackHosts;
    private final KakaoReplies replies;
    private final KakaoResponses responses;
    private final ChannelDispatcher dispatcher;
    private final JsonMapper json;
    private final ExecutorService turns;

    KakaoSkillController(KakaoProperties properties, KakaoReplies replies, KakaoResponses responses,
            ChannelDispatcher dispatcher, JsonMapper json, @Named(TaskExecutors.IO) ExecutorService turns) {
        this.properties = properties;
        this.verifier = new KakaoRequestVerifier(properties.skillSecret(), properties.allowedCidrs());
        this.callbackHosts = new CallbackHosts(properties.callbackHosts());
        this.replies = replies;
        this.responses = responses;
        this.dispatcher = dispatcher;
        this.json = json;
        this.turns = turns;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> skill(HttpRequest<?> request, @Body @Nullable byte[] body) {
        KakaoRequestVerifier.Verdict verdict = verifier.check(request.getHeaders().get(KakaoRequestVerifier.HEADER),
                clientAddress(request));
        switch (verdict) {
            case ACCEPTED -> { }
            case NOT_CONFIGURED -> {
                NOT_CONFIGURED.refused();
                return HttpResponse.status(HttpStatus.FORBIDDEN);
            }
            case ADDRESS_REFUSED -> {
                ADDRESS_REFUSED.refused();
                return HttpResponse.status(HttpStatus.FORBIDDEN);
            }
            default -> {
                SECRET_REFUSED.refused();
                return HttpResponse.status(HttpStatus.UNAUTHORIZED);
            }
        }
        SkillRequest skill;
        try {
            skill = SkillRequest.parse(json, body);
        } catch (SkillRequest.Malformed e) {
            return HttpResponse.<String>badRequest().body("{\"error\":\"not a skill request\"}");
        }
        String callbackUrl = skill.callbackUrl();
        if (callbackUrl != null && !callbackHosts.allows(callbackUrl)) {
            LOG.warn("kakao skill: ignoring a callback URL outside ieum.channels.kakao.callback-hosts");
            callbackUrl = null;
        }
        String fingerprint = replies.fingerprint(skill);
        Optional<Instant> claimed = replies.claim(fingerprint, properties.dedupeWindow());
        if (claimed.isEmpty()) {
            // a repeat of a request we have (or are) answering: same answer, no second turn
            return ok(replies.response(fingerprint).orElseGet(() -> responses.pending(skill.lang())));
        }
        // the callback URL rides along so that, should this inline turn fail and the poller run it later, the
        // answer can still reach the resident while the URL is valid
        InboundEnvelope envelope = new InboundEnvelope(KakaoCallbackAdapter.CHANNEL,
                fingerprint + ":" + claimed.get().toEpochMilli(), skill.userId(), skill.utterance(), skill.lang(), false,
                callbackUrl == null ? Map.of() : Map.of(KakaoCallbackAdapter.CALLBACK_URL, callbackUrl));
        CompletableFuture<Optional<TurnResult>> turn = CompletableFuture.supplyAsync(() -> dispatcher.handleNow(envelope), turns);
        boolean callback = callbackUrl != null;
        Duration wait = callback ? properties.timeBudget() : INLINE_LIMIT;
        if (!wait.isZero() && !wait.isNegative()) {
            try {
                Optional<TurnResult> result = turn.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (result.isEmpty()) {
                    return ok(responses.pending(skill.lang()));
                }
                String response = responses.render(result.get().replies(), result.get().language());
                replies.save(fingerprint, response);
                return ok(response);
            } catch (TimeoutException e) {
                LOG.info("kakao skill: turn slower than {}, answering {}", wait, callback ? "through the callback" : "later");
            } catch (ExecutionException e) {
                // not stored, or the turn failed and rolled back: 5xx, and a repeat may try again
                LOG.error("kakao skill: turn failed", e.getCause());
                replies.release(fingerprint);
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
            }
        }
        String url = callbackUrl;
        turn.whenComplete((result, error) -> finishLate(fingerprint, skill.userId(), url, result, error));
        return ok(callback ? responses.useCallback() : responses.pending(skill.lang()));
    }

    /** A turn that outlasted the request: keep its response for repeats and send it to the callback URL, if any. */
    private void finishLate(String fingerprint, String userId, String callbackUrl, Optional<TurnResult> result, Throwable error) {
        if (error != null || result == null || result.isEmpty()) {
            if (error != null) {
                LOG.error("kakao skill: late turn failed", error);
                replies.release(fingerprint);
            }
            return;
        }
        TurnResult turn = result.get();
        try {
            replies.save(fingerprint, responses.render(turn.replies(), turn.language()));
            if (callbackUrl != null) {
                dispatcher.enqueue(new Delivery(KakaoCallbackAdapter.CHANNEL, userId, turn.language(), turn.replies(),
                        Map.of(KakaoCallbackAdapter.CALLBACK_URL, callbackUrl)));
            }
        } catch (RuntimeException e) {
            LOG.error("kakao skill: keeping or sending a late answer failed", e);
        }
    }

    /**
     * The client's address: the socket's peer, or (only with {@code trust-forwarded-for}, behind a proxy that sets
     * it) the last {@code X-Forwarded-For} entry, which that proxy appended.
     */
    private InetAddress clientAddress(HttpRequest<?> request) {
        if (properties.trustForwardedFor()) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
                if (last.matches("[0-9A-Fa-f:.]{2,45}")) {
                    try {
                        return InetAddress.getByName(last);
                    } catch (UnknownHostException e) {
                        return null;
                    }
                }
                return null;
            }
        }
        return request.getRemoteAddress() == null ? null : request.getRemoteAddress().getAddress();
    }

    private static HttpResponse<String> ok(String json) {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
