package kr.ieum.channel.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.RefusalLog;
import kr.ieum.channel.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhook for Messenger and WhatsApp Cloud ({@code /webhooks/meta}). GET is the subscription handshake.
 * POST: verify {@code X-Hub-Signature-256} over the raw bytes → store each message once (its {@code mid} or
 * WhatsApp {@code id} is the idempotency key) → 200; the turn and the reply follow asynchronously. Meta retries
 * anything but 200, so only a failed store answers 5xx; unknown objects and fields are acknowledged and skipped.
 */
@Controller("/webhooks/meta")
@Requires(property = "ieum.channels.meta.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class MetaWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(MetaWebhookController.class);
    private static final RefusalLog HANDSHAKE_REFUSED = new RefusalLog(LOG, "meta webhook handshake refused");
    private static final RefusalLog NOT_CONFIGURED = new RefusalLog(LOG, "meta webhook refused: META_APP_SECRET is not configured");
    private static final RefusalLog SIGNATURE_REFUSED = new RefusalLog(LOG, "meta webhook refused: missing or wrong X-Hub-Signature-256");
    private static final int MAX_CHALLENGE = 256;
    private final MetaProperties properties;
    private final MetaPayloadMapper mapper;
    private final ChannelDispatcher dispatcher;

    MetaWebhookController(MetaProperties properties, MetaPayloadMapper mapper, ChannelDispatcher dispatcher) {
        this.properties = properties;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
    }

    @Get(produces = MediaType.TEXT_PLAIN)
    HttpResponse<String> verify(@QueryValue("hub.mode") @Nullable String mode,
            @QueryValue("hub.verify_token") @Nullable String token,
            @QueryValue("hub.challenge") @Nullable String challenge) {
        boolean ok = "subscribe".equals(mode) && Signatures.equal(properties.verifyToken(), token)
                && challenge != null && !challenge.isEmpty() && challenge.length() <= MAX_CHALLENGE;
        if (!ok) {
            HANDSHAKE_REFUSED.refused();
            return HttpResponse.<String>status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return HttpResponse.ok(challenge).contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.TEXT_PLAIN)
    HttpResponse<String> receive(@Header("X-Hub-Signature-256") @Nullable String signature, @Body @Nullable byte[] body) {
        if (!Signatures.configured(properties.appSecret())) {
            NOT_CONFIGURED.refused();
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        if (!MetaSignatureVerifier.valid(properties.appSecret(), body, signature)) {
            SIGNATURE_REFUSED.refused();
            return HttpResponse.status(HttpStatus.UNAUTHORIZED);
        }
        List<MetaEvent> events;
        try {
            events = mapper.map(body);
        } catch (MetaPayloadMapper.MalformedPayload e) {
            return HttpResponse.<String>badRequest("malformed payload").contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        for (MetaEvent event : events) {
            if (event instanceof MetaEvent.Message m) {
                try {
                    dispatcher.accept(m.envelope());
                } catch (RuntimeException e) {
                    // not stored: 5xx so that Meta retries the whole batch (items already stored are then duplicates)
                    LOG.error("meta webhook: storing a {} message failed", m.envelope().channel(), e);
                    return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN_TYPE);
                }
            } else if (event instanceof MetaEvent.Status s) {
                dispatcher.recordStatus(s.channel(), s.providerId(), s.status());
            } else if (event instanceof MetaEvent.Unknown u) {
                LOG.debug("meta webhook: skipped {}", u.what());
            }
        }
        return HttpResponse.ok("EVENT_RECEIVED").contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
