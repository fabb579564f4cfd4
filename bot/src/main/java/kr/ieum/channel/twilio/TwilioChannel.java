package kr.ieum.channel.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.Signatures;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.Messages;

/**
 * Sends replies as SMS or WhatsApp messages through Twilio's REST API with the Twilio SDK. The address says
 * which: {@code whatsapp:+...} goes back on WhatsApp. Replies come from the number the resident wrote to
 * (kept from the inbound {@code To}), else from the configured sender. SMS is segment-aware (see
 * {@link SmsRenderer}); SMS to Korean numbers must be EUC-KR, else the resident gets a Korean + English
 * link to the reply in their language.
 */
@Singleton
@Requires(property = "ieum.channels.twilio.enabled", value = "true")
class TwilioChannel implements ChannelAdapter {
    static final String CHANNEL = "twilio";
    static final String CONTEXT_TO = "to";
    static final String WHATSAPP = "whatsapp:";
    static final String STATUS_PATH = "/webhooks/twilio/status";
    /** Twilio's limit for one WhatsApp message body. */
    static final int WHATSAPP_MAX = 1600;
    /** Twilio error codes that no retry will fix although the HTTP status would allow one. */
    private static final Set<Integer> PERMANENT = Set.of(21211, 21408, 21610, 21612, 21614, 63003, 63016);

    private final TwilioProperties properties;
    private final PublicUrl publicUrl;
    private final SmsRenderer sms;
    private volatile TwilioRestClient client;

    TwilioChannel(TwilioProperties properties, PublicUrl publicUrl, Messages messages) {
        this.properties = properties;
        this.publicUrl = publicUrl;
        this.sms = new SmsRenderer(messages, properties.smsMaxSegments(), properties.smsMaxSegmentsUcs2());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SEGMENTED_TEXT);
    }

    @Override
    public java.time.Duration replyWindow(String address) {
        return address.startsWith(WHATSAPP) ? java.time.Duration.ofHours(24) : null;
    }

    @Override
    public String send(Delivery delivery) {
        return send(delivery, Progress.NONE);
    }

    /** Each SMS part (or WhatsApp message) is one API call; those taken in an earlier attempt are not sent again. */
    @Override
    public String send(Delivery delivery, Progress progress) {
        boolean whatsapp = delivery.address().startsWith(WHATSAPP);
        String from = delivery.context(CONTEXT_TO);
        if (from == null || from.isBlank() || from.startsWith(WHATSAPP) != whatsapp) {
            from = whatsapp ? properties.whatsappFrom() : properties.smsFrom();
        }
        if (!Signatures.configured(from)) {
            throw new DeliveryFailed("twilio: no " + (whatsapp ? "WhatsApp" : "SMS") + " sender configured", false);
        }
        TwilioRestClient rest = client();
        String template = delivery.context(Delivery.TEMPLATE);
        if (whatsapp && template != null) {
            return createFromTemplate(rest, delivery.address(), from, template, delivery.context(Delivery.TEMPLATE_TEXT));
        }
        List<String> texts = whatsapp ? whatsAppTexts(delivery.messages(), topic -> publicUrl.answerPage(topic, delivery.language()))
                : smsTexts(delivery);
        String sid = null;
        for (int i = progress.done(); i < texts.size(); i++) {
            sid = create(rest, delivery.address(), from, texts.get(i));
            progress.sent(sid, i + 1 < texts.size());
        }
        return sid;
    }

    /** SMS texts, with the EUC-KR rule for Korean numbers. */
    List<String> smsTexts(Delivery delivery) {
        List<String> texts = sms.render(delivery.language(), delivery.messages(), publicUrl::of);
        if (!delivery.address().startsWith("+82")) {
            return texts;
        }
        List<String> plain = new ArrayList<>();
        for (String text : texts) {
            Optional<String> encodable = SmsRenderer.forKoreanCarrier(text);
            if (encodable.isEmpty()) {
                return List.of(sms.readItOnline(delivery.language(), replyPage(delivery)));
            }
            plain.add(encodable.get());
        }
        return plain;
    }

    private String replyPage(Delivery delivery) {
        Optional<String> page = delivery.messages().stream().map(OutboundMessage::page).filter(p -> p != null).findFirst()
                .map(publicUrl::of);
        return page.orElseGet(() -> delivery.messages().stream().map(OutboundMessage::topic).filter(t -> t != null).findFirst()
                .map(topic -> publicUrl.answerPage(topic, delivery.language()))
                .orElseGet(() -> publicUrl.of("/chat?lang=" + delivery.language())));
    }

    /**
     * WhatsApp has no segments: one message per reply, cut only beyond Twilio's 1600 characters; *bold* as WhatsApp shows
     * it, and a topic link with its answer page (WhatsApp shows no link buttons).
     */
    static List<String> whatsAppTexts(List<OutboundMessage> replies, java.util.function.Function<String, String> topicHref) {
        List<String> texts = new ArrayList<>();
        for (OutboundMessage reply : replies) {
            String text = TextRendering.linked(reply, topicHref, "*");
            texts.addAll(TextSplitter.split(text, t -> t.length() <= WHATSAPP_MAX));
        }
        return texts;
    }

    private String create(TwilioRestClient rest, String to, String from, String body) {
        try {
            Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body)
                    .setStatusCallback(publicUrl.of(STATUS_PATH))
                    .create(rest);
            return message.getSid();
        } catch (ApiConnectionException e) {
            throw new DeliveryFailed("twilio: API not reachable", true);
        } catch (ApiException e) {
            // the message of an ApiException may quote the phone number: keep only status and code
            throw failed(e.getStatusCode(), e.getCode());
        }
    }

    /** An approved WhatsApp template (Content SID) with its one variable; the way to write first outside the 24-hour window. */
    private String createFromTemplate(TwilioRestClient rest, String to, String from, String contentSid, String text) {
        try {
            String variables = new String(JSON.writeValueAsBytes(java.util.Map.of("1", text == null ? "" : text)),
                    java.nio.charset.StandardCharsets.UTF_8);
            Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), (String) null)
                    .setContentSid(contentSid)
                    .setContentVariables(variables)
                    .setStatusCallback(publicUrl.of(STATUS_PATH))
                    .create(rest);
            return message.getSid();
        } catch (java.io.IOException e) {
            throw new DeliveryFailed("twilio: template variables could not be written", false);
        } catch (ApiConnectionException e) {
            throw new DeliveryFailed("twilio: API not reachable", true);
        } catch (ApiException e) {
            throw failed(e.getStatusCode(), e.getCode());
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static DeliveryFailed failed(Integer status, Integer code) {
        if (status == null) {
            return new DeliveryFailed("twilio: API call failed" + (code == null ? "" : " (error " + code + ")"), true);
        }
        DeliveryFailed byStatus = DeliveryFailed.forStatus("twilio", status);
        boolean retryable = byStatus.retryable() && (code == null || !PERMANENT.contains(code));
        return new DeliveryFailed(byStatus.getMessage() + (code == null ? "" : " (error " + code + ")"), retryable);
    }

    private TwilioRestClient client() {
        TwilioRestClient current = client;
        if (current == null) {
            if (!Signatures.configured(properties.accountSid()) || !Signatures.configured(properties.authToken())) {
                throw new DeliveryFailed("twilio: account SID or auth token not configured", false);
            }
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                            .httpClient(new TwilioApiHttpClient(properties.apiUrl()))
                            .build();
                    client = current;
                }
            }
        }
        return current;
    }
}
