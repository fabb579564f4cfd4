package kr.ieum.channel.line;

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
import java.util.List;
import java.util.Map;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/line}: verify {@code x-line-signature} over the raw body bytes, store each event once
 * (key {@code webhookEventId}, so redeliveries are not processed twice), answer 200; replies go out through
 * the outbox. An empty event list (the console's "Verify" button) is simply acknowledged. Only a failed store
 * answers 5xx, so LINE redelivers (when redelivery is switched on).
 */
@Controller("/webhooks/line")
@Requires(property = "ieum.channels.line.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class LineWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(LineWebhookController.class);
    private static final RefusalLog REFUSED = new RefusalLog(LOG, "line webhook rejected: missing or wrong signature");
    static final String SIGNATURE_HEADER = "x-line-signature";

    private final LineSignatureVerifier verifier;
    private final LineEventMapper mapper;
    private final ChannelDispatcher dispatcher;

    LineWebhookController(LineSignatureVerifier verifier, LineEventMapper mapper, ChannelDispatcher dispatcher) {
        this.verifier = verifier;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> events(@Nullable @Header(SIGNATURE_HEADER) String signature, @Nullable @Body byte[] body) {
        if (!verifier.verify(body, signature)) {
            REFUSED.refused();
            return HttpResponse.unauthorized();
        }
        List<LineInbound> events;
        try {
            events = mapper.read(body);
        } catch (LineEventMapper.MalformedWebhook e) {
            LOG.info("line webhook: {}{}", e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        for (LineInbound event : events) {
            if (event instanceof LineInbound.Accepted accepted) {
                ChannelDispatcher.Acceptance result = dispatcher.accept(accepted.envelope());
                LOG.debug("line event {}", result);
            } else if (event instanceof LineInbound.Unknown unknown) {
                LOG.debug("line event skipped: {}", unknown.type());
            }
        }
        return HttpResponse.ok();
    }
}
