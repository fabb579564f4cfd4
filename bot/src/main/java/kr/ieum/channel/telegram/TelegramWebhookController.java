package kr.ieum.channel.telegram;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/telegram}: verify the secret header, store the update once (key {@code update_id}),
 * answer 200 at once; the reply goes out through the outbox. A button press is also acknowledged in the
 * webhook's own response ({@code answerCallbackQuery}), which the Bot API accepts instead of a separate call.
 * Unknown update kinds are acknowledged and skipped. Only a failed store answers 5xx, so Telegram retries.
 */
@Controller("/webhooks/telegram")
@Requires(property = "ieum.channels.telegram.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class TelegramWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramWebhookController.class);
    private static final RefusalLog REFUSED = new RefusalLog(LOG, "telegram webhook rejected: missing or wrong secret token");
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramSecretVerifier verifier;
    private final TelegramUpdateMapper mapper;
    private final ChannelDispatcher dispatcher;

    TelegramWebhookController(TelegramSecretVerifier verifier, TelegramUpdateMapper mapper, ChannelDispatcher dispatcher) {
        this.verifier = verifier;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> update(@Nullable @Header(SECRET_HEADER) String secret, @Nullable @Body byte[] body) {
        if (!verifier.verify(secret)) {
            REFUSED.refused();
            return HttpResponse.unauthorized();
        }
        if (body == null || body.length == 0) {
            return HttpResponse.badRequest(Map.of("error", "empty body"));
        }
        TelegramInbound inbound;
        try {
            inbound = mapper.read(body);
        } catch (TelegramUpdateMapper.MalformedUpdate e) {
            LOG.info("telegram webhook: {}{}", e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        if (inbound instanceof TelegramInbound.Unknown unknown) {
            LOG.debug("telegram update {} skipped: {}", unknown.updateId(), unknown.kind());
            return HttpResponse.ok();
        }
        TelegramInbound.Accepted accepted = (TelegramInbound.Accepted) inbound;
        ChannelDispatcher.Acceptance result = dispatcher.accept(accepted.envelope());
        LOG.debug("telegram update {} {}", accepted.envelope().providerId(), result);
        if (accepted.callbackQueryId() != null) {
            return HttpResponse.ok(Map.of("method", "answerCallbackQuery", "callback_query_id", accepted.callbackQueryId()));
        }
        return HttpResponse.ok();
    }
}
