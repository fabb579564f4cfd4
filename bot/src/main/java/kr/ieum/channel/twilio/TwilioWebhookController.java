package kr.ieum.channel.twilio;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.InboundEnvelope;
import kr.ieum.channel.RefusalLog;
import kr.ieum.language.LanguageResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's Messaging webhooks: "A message comes in" ({@code POST /webhooks/twilio}) and status callbacks
 * ({@code POST /webhooks/twilio/status}). Each is verified first ({@code X-Twilio-Signature}; 403 and nothing
 * stored when it is missing or wrong or no auth token is configured), then stored once per MessageSid and
 * acknowledged with an empty TwiML response; the reply goes out later through the REST API. When storing
 * fails the exception surfaces as a 500, so Twilio may retry.
 */
@Controller("/webhooks/twilio")
@Requires(property = "ieum.channels.twilio.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class TwilioWebhookController {
    static final String MESSAGE_PATH = "/webhooks/twilio";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final RefusalLog MESSAGE_REFUSED = new RefusalLog(LOG, "twilio: message webhook rejected: signature missing or invalid");
    private static final RefusalLog STATUS_REFUSED = new RefusalLog(LOG, "twilio: status callback rejected: signature missing or invalid");
    private final TwilioSignatureVerifier verifier;
    private final ChannelDispatcher dispatcher;
    private final LanguageResolver languages;

    TwilioWebhookController(TwilioSignatureVerifier verifier, ChannelDispatcher dispatcher, LanguageResolver languages) {
        this.verifier = verifier;
        this.dispatcher = dispatcher;
        this.languages = languages;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    HttpResponse<String> message(@Body @Nullable String body, @Header("X-Twilio-Signature") @Nullable String signature) {
        Optional<Map<String, String>> form = TwilioForm.parse(body);
        if (form.isEmpty()) {
            return HttpResponse.badRequest();
        }
        if (!verifier.verify(MESSAGE_PATH, form.get(), signature)) {
            MESSAGE_REFUSED.refused();
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        TwilioWebhook event = TwilioWebhook.incoming(form.get());
        if (!(event instanceof TwilioWebhook.Incoming in)) {
            LOG.warn("twilio: message webhook skipped: {}", ((TwilioWebhook.Unknown) event).reason());
            return HttpResponse.badRequest();
        }
        Map<String, String> context = new HashMap<>();
        if (!in.to().isEmpty()) {
            context.put(TwilioChannel.CONTEXT_TO, in.to());
        }
        String hint = languages.hintFromPhone(in.fromNumber()).orElse(null);
        ChannelDispatcher.Acceptance acceptance = dispatcher.accept(new InboundEnvelope(TwilioChannel.CHANNEL,
                in.messageSid(), in.from(), in.body(), hint, in.nonText(), context));
        LOG.debug("twilio: message {} {}", in.messageSid(), acceptance);
        return HttpResponse.ok(EMPTY_TWIML).contentType(MediaType.TEXT_XML_TYPE);
    }

    @Post(uri = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Void> status(@Body @Nullable String body, @Header("X-Twilio-Signature") @Nullable String signature) {
        Optional<Map<String, String>> form = TwilioForm.parse(body);
        if (form.isEmpty()) {
            return HttpResponse.badRequest();
        }
        if (!verifier.verify(TwilioChannel.STATUS_PATH, form.get(), signature)) {
            STATUS_REFUSED.refused();
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        TwilioWebhook event = TwilioWebhook.status(form.get());
        if (!(event instanceof TwilioWebhook.Status status)) {
            LOG.warn("twilio: status callback skipped: {}", ((TwilioWebhook.Unknown) event).reason());
            return HttpResponse.badRequest();
        }
        dispatcher.recordStatus(TwilioChannel.CHANNEL, status.messageSid(), status.recorded());
        return HttpResponse.noContent();
    }
}
