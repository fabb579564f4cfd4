package kr.ieum.fuzz;

import static kr.ieum.fuzz.Json.arr;
import static kr.ieum.fuzz.Json.obj;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every route a resident, a provider or a browser reaches without a staff login, each with a generator of requests:
 * a valid request of that route (the shapes of the providers' documented payloads, as in the channel tests' golden
 * files) bent by a {@link Mutator}. Request {@code i} of a route depends only on the seed and {@code i}. Where the
 * channel signs, the mutated bytes are signed with the configured secret (a few requests on purpose not), so that
 * the fuzz reaches the parser and the conversation, not only the signature check.
 */
public final class Endpoints {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String[] LANGS = {"vi", "ko", "en", "ru", "th", "ur", "ne", "km", "my", "zh-Hans", "ja", "tl", "id", "uz",
            "mn", "si", "bn", "ky", "kk", "hi"};

    /** One route and how to make request {@code i} of it. */
    public record Endpoint(String name, String route, BiFunction<Mutator, Integer, FuzzRequest> generator) {
        public FuzzRequest request(long seed, int i) {
            long mixed = seed * 0x9E3779B97F4A7C15L + name.hashCode() * 0xC2B2AE3D27D4EB4FL + i;
            return generator.apply(new Mutator(new SplittableRandom(mixed)), i);
        }
    }

    private final FuzzSetup setup;

    private Endpoints(FuzzSetup setup) {
        this.setup = setup;
    }

    /** All routes, in a fixed order. */
    public static List<Endpoint> all(FuzzSetup setup) {
        Endpoints e = new Endpoints(setup);
        return List.of(
                new Endpoint("api-messages", "POST /api/v1/messages", e::apiMessage),
                new Endpoint("api-language", "POST /api/v1/language", e::apiLanguage),
                new Endpoint("api-funnel", "GET /api/v1/funnel", e::funnel),
                new Endpoint("twilio", "POST /webhooks/twilio", e::twilio),
                new Endpoint("twilio-status", "POST /webhooks/twilio/status", e::twilioStatus),
                new Endpoint("meta-verify", "GET /webhooks/meta", e::metaVerify),
                new Endpoint("meta", "POST /webhooks/meta", e::meta),
                new Endpoint("line", "POST /webhooks/line", e::line),
                new Endpoint("telegram", "POST /webhooks/telegram", e::telegram),
                new Endpoint("kakao", "POST /webhooks/kakao", e::kakao),
                new Endpoint("webchat-sessions", "POST /webchat/sessions", e::webchatSession),
                new Endpoint("webchat-messages", "POST /webchat/messages", e::webchatMessage),
                new Endpoint("webchat-events", "GET /webchat/events", e::webchatEvents),
                new Endpoint("campaign-page", "GET /c/{code}", e::campaignPage),
                new Endpoint("campaign-qr", "GET /c/{code}/qr.{format}", e::campaignQr),
                new Endpoint("poster", "GET /c/{code}/poster", e::poster),
                new Endpoint("poster-pdf", "GET /c/{code}/poster.pdf", e::posterPdf),
                new Endpoint("journey-link", "GET /j/{journey}", e::journeyLink),
                new Endpoint("journey-step", "GET /j/{journey}/{step}", e::journeyStep),
                new Endpoint("answer-page", "GET /a/{topic}", e::answerPage),
                new Endpoint("chat-page", "GET /chat", e::chatPage),
                new Endpoint("root", "GET /", e::root),
                new Endpoint("console-login-page", "GET /console/login", e::loginPage),
                new Endpoint("console-login", "POST /console/login", e::login),
                new Endpoint("partner-request-page", "GET /console/partner-request", e::partnerRequestPage),
                new Endpoint("partner-request", "POST /console/partner-request", e::partnerRequest),
                new Endpoint("console-ui", "GET /console/ui/{lang}", e::consoleUi));
    }

    // ---------------------------------------------------------------- the HTTP API

    private FuzzRequest apiMessage(Mutator m, int i) {
        Json.Obj seed = m.chance(70) ? obj("from", "fuzz-api-" + i % 53, "text", Nasty.text(rng(m)), "locale", lang(m))
                : obj("from", "fuzz-api-" + i % 53, "text", Nasty.text(rng(m)));
        return jsonPost(m, "api-messages", i, "/api/v1/messages", seed, apiHeaders(m));
    }

    private FuzzRequest apiLanguage(Mutator m, int i) {
        return jsonPost(m, "api-language", i, "/api/v1/language", obj("text", Nasty.text(rng(m))), apiHeaders(m));
    }

    private List<String[]> apiHeaders(Mutator m) {
        List<String[]> h = new ArrayList<>();
        if (m.chance(4)) {
            m.notes.add("api-key");
            h.add(new String[] {m.chance(50) ? "Authorization" : "X-Api-Key", (m.chance(50) ? "Bearer " : "") + m.value("k-0123")});
        }
        if (m.chance(2)) {
            m.notes.add("forwarded");
            h.add(new String[] {"X-Forwarded-For", m.value("203.0.113.9")});
        }
        return h;
    }

    private FuzzRequest funnel(Mutator m, int i) {
        String q = query(m, "journey", "mobile-id-enrollment", "campaign", m.chance(50) ? setup.campaign() : null);
        return get(m, "api-funnel", i, "/api/v1/funnel" + q);
    }

    // ---------------------------------------------------------------- Twilio

    private FuzzRequest twilio(Mutator m, int i) {
        SplittableRandom r = rng(m);
        String from = switch (r.nextInt(4)) {
            case 0 -> "+8210" + (20_000_000 + i % 61);
            case 1 -> "+8490" + (1_000_000 + i % 59);
            case 2 -> "whatsapp:+8490" + (1_000_000 + i % 43);
            default -> "+1555" + (1_000_000 + i % 31);
        };
        String sid = "SM" + String.format(Locale.ROOT, "%032x", 0x7f00_0000_0000L + i);
        List<String[]> form = new ArrayList<>();
        form.add(new String[] {"ToCountry", "US"});
        form.add(new String[] {"SmsMessageSid", sid});
        boolean media = r.nextInt(10) == 0;
        form.add(new String[] {"NumMedia", media ? "1" : "0"});
        form.add(new String[] {"SmsStatus", "received"});
        form.add(new String[] {"Body", media ? "" : Nasty.text(r)});
        form.add(new String[] {"To", from.startsWith("whatsapp:") ? "whatsapp:+14155238886" : "+15005550006"});
        form.add(new String[] {"NumSegments", "1"});
        form.add(new String[] {"MessageSid", sid});
        form.add(new String[] {"AccountSid", FuzzSetup.TWILIO_ACCOUNT});
        form.add(new String[] {"From", from});
        form.add(new String[] {"ApiVersion", "2010-04-01"});
        if (media) {
            form.add(new String[] {"MediaContentType0", "image/jpeg"});
            form.add(new String[] {"MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + FuzzSetup.TWILIO_ACCOUNT + "/Messages/" + sid
                    + "/Media/ME0f1e2d3c4b5a69788796a5b4c3d2e1f0"});
        }
        if (from.startsWith("whatsapp:")) {
            form.add(new String[] {"ProfileName", "Lan"});
            form.add(new String[] {"WaId", from.substring(10)});
        }
        return twilioPost(m, "twilio", i, "/webhooks/twilio", form);
    }

    private FuzzRequest twilioStatus(Mutator m, int i) {
        SplittableRandom r = rng(m);
        String[] statuses = {"queued", "sent", "delivered", "undelivered", "failed", "read"};
        String status = statuses[r.nextInt(statuses.length)];
        List<String[]> form = new ArrayList<>();
        if (status.equals("undelivered") || status.equals("failed")) {
            form.add(new String[] {"ErrorCode", r.nextBoolean() ? "30007" : "21610"});
        }
        String sid = "SM" + String.format(Locale.ROOT, "%032x", (long) i % 500);
        form.add(new String[] {"SmsSid", sid});
        form.add(new String[] {"SmsStatus", status});
        form.add(new String[] {"MessageStatus", status});
        form.add(new String[] {"To", "+84901234567"});
        form.add(new String[] {"MessageSid", sid});
        form.add(new String[] {"AccountSid", FuzzSetup.TWILIO_ACCOUNT});
        form.add(new String[] {"From", "+15005550006"});
        form.add(new String[] {"ApiVersion", "2010-04-01"});
        return twilioPost(m, "twilio-status", i, "/webhooks/twilio/status", form);
    }

    private FuzzRequest twilioPost(Mutator m, String name, int i, String path, List<String[]> form) {
        byte[] body = m.form(form);
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", m.contentType(FORM));
        if (m.chance(95)) {
            headers.add(new String[] {"X-Twilio-Signature", twilioSignature(FuzzSetup.PUBLIC_URL + path, body)});
        } else {
            m.notes.add("unsigned");
            if (m.chance(50)) {
                headers.add(new String[] {"X-Twilio-Signature", m.value("bm90IGEgc2lnbmF0dXJl")});
            }
        }
        return new FuzzRequest(name, i, "POST", path, headers, body, m.note());
    }

    /** Signs as Twilio does, over the form as the service decodes it (first value of a name; undecodable: anything). */
    static String twilioSignature(String url, byte[] body) {
        TreeMap<String, String> params = new TreeMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.isEmpty() ? new String[0] : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                return "undecodable";
            }
        }
        StringBuilder data = new StringBuilder(url);
        params.forEach((k, v) -> data.append(k).append(v));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", FuzzSetup.TWILIO_TOKEN, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- Meta

    private FuzzRequest metaVerify(Mutator m, int i) {
        String q = query(m, "hub.mode", "subscribe", "hub.verify_token", FuzzSetup.META_VERIFY_TOKEN, "hub.challenge",
                String.valueOf(1_000_000 + i));
        return get(m, "meta-verify", i, "/webhooks/meta" + q);
    }

    private FuzzRequest meta(Mutator m, int i) {
        SplittableRandom r = rng(m);
        String psid = String.valueOf(6_789_012_345_600_000L + i % 47);
        String wa = String.valueOf(977_981_234_000L + i % 43);
        Object seed = switch (r.nextInt(6)) {
            case 0, 1 -> messenger(psid, obj("mid", "m_fuzz" + i, "text", Nasty.text(r)));
            case 2 -> messenger(psid, obj("mid", "m_fuzz" + i, "text", "1. x", "quick_reply", obj("payload", String.valueOf(1 + r.nextInt(4)))));
            case 3 -> whatsapp(obj("contacts", arr(obj("profile", obj("name", "Sita"), "wa_id", wa)), "messages", arr(obj("from", wa,
                    "id", "wamid.fuzz" + i, "timestamp", seconds(), "text", obj("body", Nasty.text(r)), "type", "text"))));
            case 4 -> whatsapp(obj("contacts", arr(obj("profile", obj("name", "Sita"), "wa_id", wa)), "messages", arr(obj("from", wa,
                    "id", "wamid.fuzz" + i, "timestamp", seconds(), "type", "interactive", "interactive", obj("type", "list_reply",
                            "list_reply", obj("id", String.valueOf(1 + r.nextInt(5)), "title", "2. x", "description", "y"))))));
            default -> whatsapp(obj("statuses", arr(obj("id", "wamid.out." + i % 200, "status", r.nextBoolean() ? "read" : "failed",
                    "timestamp", "1733011300", "recipient_id", wa, "errors", arr(obj("code", 131047, "title", "Re-engagement message"))))));
        };
        byte[] body = m.json(seed);
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", m.contentType(JSON));
        if (m.chance(95)) {
            headers.add(new String[] {"X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", FuzzSetup.META_SECRET, body))});
        } else {
            m.notes.add("unsigned");
            headers.add(new String[] {"X-Hub-Signature-256", m.value("sha256=00")});
        }
        return new FuzzRequest("meta", i, "POST", "/webhooks/meta", headers, body, m.note());
    }

    /** Now, as WhatsApp writes a time: seconds, as a string (its 24-hour window runs from the resident's last message). */
    private String seconds() {
        return String.valueOf(setup.epochMillis() / 1000);
    }

    private static Json.Obj messenger(String psid, Json.Obj message) {
        return obj("object", "page", "entry", arr(obj("id", "106543210987654", "time", 1733011200123L, "messaging", arr(obj(
                "sender", obj("id", psid), "recipient", obj("id", "106543210987654"), "timestamp", 1733011199876L, "message", message)))));
    }

    private static Json.Obj whatsapp(Json.Obj value) {
        Json.Obj v = obj("messaging_product", "whatsapp", "metadata", obj("display_phone_number", "15550783881", "phone_number_id",
                FuzzSetup.META_PHONE_ID));
        v.fields.addAll(value.fields);
        return obj("object", "whatsapp_business_account", "entry", arr(obj("id", "102290129340398", "changes",
                arr(obj("value", v, "field", "messages")))));
    }

    // ---------------------------------------------------------------- LINE

    private FuzzRequest line(Mutator m, int i) {
        SplittableRandom r = rng(m);
        String user = "U" + String.format(Locale.ROOT, "%032x", 0x11e0000L + i % 59);
        Json.Obj event = obj("type", "message", "message", obj("id", String.valueOf(444_573_844_083_572_737L + i), "type", "text",
                "quoteToken", "q3Plxr4AgKd0", "text", Nasty.text(r)));
        switch (r.nextInt(6)) {
            case 0 -> event = obj("type", "postback", "postback", obj("data", String.valueOf(1 + r.nextInt(4))));
            case 1 -> event = obj("type", r.nextBoolean() ? "follow" : "unfollow", "follow", obj("isUnblocked", false));
            case 2 -> event = obj("type", "message", "message", obj("id", String.valueOf(i), "type", r.nextBoolean() ? "image" : "sticker",
                    "contentProvider", obj("type", "line"), "packageId", "446", "stickerId", "1988"));
            default -> { }
        }
        event.fields.add(new Json.Field("webhookEventId", String.format(Locale.ROOT, "01FUZZ%020d", i)));
        event.fields.add(new Json.Field("deliveryContext", obj("isRedelivery", r.nextInt(10) == 0)));
        event.fields.add(new Json.Field("timestamp", setup.epochMillis() - r.nextInt(120_000)));
        event.fields.add(new Json.Field("source", obj("type", "user", "userId", user)));
        event.fields.add(new Json.Field("replyToken", "fuzzReplyToken" + i));
        event.fields.add(new Json.Field("mode", r.nextInt(20) == 0 ? "standby" : "active"));
        Json.Obj seed = obj("destination", "U9f3c1a2b4d5e6f708192a3b4c5d6e7f8", "events", r.nextInt(25) == 0 ? arr() : arr(event));
        byte[] body = m.json(seed);
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", m.contentType(JSON));
        if (m.chance(95)) {
            headers.add(new String[] {"x-line-signature", Base64.getEncoder().encodeToString(hmac("HmacSHA256", FuzzSetup.LINE_SECRET, body))});
        } else {
            m.notes.add("unsigned");
            headers.add(new String[] {"x-line-signature", m.value("AAAA")});
        }
        return new FuzzRequest("line", i, "POST", "/webhooks/line", headers, body, m.note());
    }

    // ---------------------------------------------------------------- Telegram

    private FuzzRequest telegram(Mutator m, int i) {
        SplittableRandom r = rng(m);
        long chat = 5_038_217_000L + i % 67;
        Json.Obj from = obj("id", chat, "is_bot", false, "first_name", "Алексей", "username", "alexey_k", "language_code", lang(m));
        Json.Obj chatObj = obj("id", chat, "first_name", "Алексей", "type", "private");
        Json.Obj seed = switch (r.nextInt(6)) {
            case 0 -> obj("update_id", 900_000_000L + i, "callback_query", obj("id", "cbq" + i, "from", from, "message", obj("message_id", 314,
                    "from", obj("id", 7_000_000_000L, "is_bot", true, "first_name", "Ieum"), "chat", chatObj, "date", 1764493261, "text", "1. x"),
                    "chat_instance", "-6395839493829384756", "data", String.valueOf(1 + r.nextInt(4))));
            case 1 -> obj("update_id", 900_000_000L + i, "message", obj("message_id", i, "from", from, "chat", chatObj, "date", 1764493200,
                    "text", "/start " + (r.nextBoolean() ? "j_mobile-id-enrollment_l-ru" : Nasty.string(r))));
            case 2 -> obj("update_id", 900_000_000L + i, "message", obj("message_id", i, "from", from, "chat", chatObj, "date", 1764493200,
                    "photo", arr(obj("file_id", "AgAC", "file_unique_id", "AQAD", "width", 90, "height", 67, "file_size", 1234)),
                    "caption", Nasty.text(r)));
            case 3 -> obj("update_id", 900_000_000L + i, "edited_message", obj("message_id", i, "from", from, "chat", chatObj,
                    "date", 1764493200, "edit_date", 1764493300, "text", Nasty.text(r)));
            default -> obj("update_id", 900_000_000L + i, "message", obj("message_id", i, "from", from, "chat", chatObj, "date", 1764493200,
                    "text", Nasty.text(r)));
        };
        byte[] body = m.json(seed);
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", m.contentType(JSON));
        if (m.chance(95)) {
            headers.add(new String[] {"X-Telegram-Bot-Api-Secret-Token", FuzzSetup.TELEGRAM_SECRET});
        } else {
            m.notes.add("unsigned");
            headers.add(new String[] {"X-Telegram-Bot-Api-Secret-Token", m.value(FuzzSetup.TELEGRAM_SECRET)});
        }
        return new FuzzRequest("telegram", i, "POST", "/webhooks/telegram", headers, body, m.note());
    }

    // ---------------------------------------------------------------- KakaoTalk

    private FuzzRequest kakao(Mutator m, int i) {
        SplittableRandom r = rng(m);
        String user = String.format(Locale.ROOT, "%064x", 0xca0000L + i % 71);
        Json.Obj request = obj("timezone", "Asia/Seoul", "params", obj("ignoreMe", "true", "surface", "Kakaotalk.plusfriend"),
                "block", obj("id", "5f8e7d6c5b4a39281706f5e4", "name", "폴백 블록"), "utterance", Nasty.text(r) + (r.nextBoolean() ? "" : " " + i),
                "lang", r.nextBoolean() ? "kr" : lang(m));
        if (r.nextInt(3) == 0) {
            request.fields.add(new Json.Field("callbackUrl", setup.standIn() + "/kakao/callback/" + i + "?token=0a1b2c3d"));
        }
        request.fields.add(new Json.Field("user", obj("id", user, "type", "botUserKey", "properties", obj("botUserKey", user))));
        Json.Obj seed = obj("intent", obj("id", "5f8e7d6c5b4a39281706f5e4", "name", "폴백 블록"), "userRequest", request,
                "bot", obj("id", "5f8e7d6c5b4a39281706f5e0", "name", "이음"), "action", obj("name", "ieum-faq", "clientExtra", null,
                        "params", obj(), "id", "5f8e7d6c5b4a39281706f5e9", "detailParams", obj()), "contexts", arr());
        byte[] body = m.json(seed);
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", m.contentType(JSON));
        if (m.chance(95)) {
            headers.add(new String[] {"X-Ieum-Kakao-Secret", FuzzSetup.KAKAO_SECRET});
        } else {
            m.notes.add("unsigned");
            headers.add(new String[] {"X-Ieum-Kakao-Secret", m.value("")});
        }
        if (m.chance(3)) {
            m.notes.add("forwarded");
            headers.add(new String[] {"X-Forwarded-For", m.value("203.0.113.7, 127.0.0.1")});
        }
        return new FuzzRequest("kakao", i, "POST", "/webhooks/kakao", headers, body, m.note());
    }

    // ---------------------------------------------------------------- web chat

    private FuzzRequest webchatSession(Mutator m, int i) {
        List<String[]> headers = new ArrayList<>();
        if (m.chance(30)) {
            headers.add(new String[] {"Accept-Language", m.value("vi-VN,vi;q=0.9,en;q=0.8")});
        }
        origin(m, headers);
        Object seed = m.chance(85) ? obj("lang", m.value(lang(m))) : obj();
        return jsonPost(m, "webchat-sessions", i, "/webchat/sessions", seed, headers);
    }

    private FuzzRequest webchatMessage(Mutator m, int i) {
        List<String[]> headers = new ArrayList<>();
        session(m, headers, i);
        origin(m, headers);
        Json.Obj seed = obj("text", Nasty.text(rng(m)), "clientMessageId", "m-" + i);
        return jsonPost(m, "webchat-messages", i, "/webchat/messages", seed, headers);
    }

    private FuzzRequest webchatEvents(Mutator m, int i) {
        String token = token(i);
        String q = query(m, "token", m.chance(40) ? token : m.value(token.substring(0, Math.max(1, token.length() - 3))));
        List<String[]> headers = new ArrayList<>();
        origin(m, headers);
        return get(m, "webchat-events", i, "/webchat/events" + q, headers);
    }

    private void session(Mutator m, List<String[]> headers, int i) {
        String token = token(i);
        int op = m.nextInt(100);
        if (op < 92) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        } else if (op < 95) {
            m.notes.add("session-header");
            headers.add(new String[] {"X-Ieum-Session", token});
        } else if (op < 98) {
            m.notes.add("forged-session");
            headers.add(new String[] {"Authorization", "Bearer " + m.value(token)});
        } else {
            m.notes.add("no-session");
        }
    }

    private String token(int i) {
        return setup.webchatTokens().isEmpty() ? "none" : setup.webchatTokens().get(i % setup.webchatTokens().size());
    }

    private void origin(Mutator m, List<String[]> headers) {
        if (m.chance(6)) {
            m.notes.add("origin");
            headers.add(new String[] {"Origin", m.value("https://evil.example.com")});
        }
    }

    // ---------------------------------------------------------------- pages

    private FuzzRequest campaignPage(Mutator m, int i) {
        return get(m, "campaign-page", i, "/c/" + segment(m, setup.campaign()) + query(m, "lang", lang(m)));
    }

    private FuzzRequest campaignQr(Mutator m, int i) {
        return get(m, "campaign-qr", i, "/c/" + segment(m, setup.campaign()) + "/qr." + segment(m, m.chance(50) ? "svg" : "png"));
    }

    private FuzzRequest poster(Mutator m, int i) {
        return get(m, "poster", i, "/c/" + segment(m, setup.campaign()) + "/poster" + query(m, "lang", lang(m)));
    }

    private FuzzRequest posterPdf(Mutator m, int i) {
        return get(m, "poster-pdf", i, "/c/" + segment(m, setup.campaign()) + "/poster.pdf" + query(m, "lang", lang(m)));
    }

    private FuzzRequest journeyLink(Mutator m, int i) {
        String[] steps = {"card", "age", "phone", "registered", "nonsense"};
        return get(m, "journey-link", i, "/j/" + segment(m, "mobile-id-enrollment") + query(m, "lang", lang(m),
                "step", steps[m.nextInt(steps.length)], "c", setup.campaign()));
    }

    private FuzzRequest journeyStep(Mutator m, int i) {
        String[] steps = {"card", "age", "phone", "registered", "under-14", "nonsense"};
        return get(m, "journey-step", i, "/j/" + segment(m, "mobile-id-enrollment") + "/" + segment(m, steps[m.nextInt(steps.length)])
                + query(m, "lang", lang(m)));
    }

    private FuzzRequest answerPage(Mutator m, int i) {
        String[] topics = {"mobile-id-overview", "mobile-id-eligibility", "mobile-id-security", "not-covered", "no-such-topic"};
        List<String[]> headers = new ArrayList<>();
        acceptLanguage(m, headers);
        return get(m, "answer-page", i, "/a/" + segment(m, topics[m.nextInt(topics.length)]) + query(m, "lang", lang(m)), headers);
    }

    private FuzzRequest chatPage(Mutator m, int i) {
        List<String[]> headers = new ArrayList<>();
        acceptLanguage(m, headers);
        return get(m, "chat-page", i, "/chat" + query(m, "lang", lang(m), "embed", m.chance(50) ? "1" : null, "start",
                m.chance(50) ? "j_mobile-id-enrollment_l-vi" : null), headers);
    }

    private FuzzRequest root(Mutator m, int i) {
        List<String[]> headers = new ArrayList<>();
        acceptLanguage(m, headers);
        return get(m, "root", i, "/" + query(m, "lang", lang(m)), headers);
    }

    private void acceptLanguage(Mutator m, List<String[]> headers) {
        if (m.chance(40)) {
            headers.add(new String[] {"Accept-Language", m.value("ur-PK,ur;q=0.9,en;q=0.5")});
        }
    }

    // ---------------------------------------------------------------- console pages open to everyone

    private FuzzRequest loginPage(Mutator m, int i) {
        return get(m, "console-login-page", i, "/console/login" + query(m, "error", m.chance(50) ? "1" : null), consoleHeaders(m));
    }

    private FuzzRequest login(Mutator m, int i) {
        String user = m.chance(10) ? "fuzz-admin" : "fuzz-user-" + i % 13;
        List<String[]> headers = consoleHeaders(m);
        headers.add(new String[] {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"});
        if (m.chance(80)) {
            byte[] body = m.form(List.of(new String[] {"username", user}, new String[] {"password", "not the password " + i}));
            header(headers, "Content-Type", m.contentType(FORM));
            return new FuzzRequest("console-login", i, "POST", "/console/login", headers, body, m.note());
        }
        return jsonPost(m, "console-login", i, "/console/login", obj("username", user, "password", "not the password " + i), headers);
    }

    private FuzzRequest partnerRequestPage(Mutator m, int i) {
        return get(m, "partner-request-page", i, "/console/partner-request" + query(m, "x", null), consoleHeaders(m));
    }

    private FuzzRequest partnerRequest(Mutator m, int i) {
        List<String[]> form = List.of(new String[] {"organisation", "Nepali Society of Gimpo"}, new String[] {"name", "Sita Gurung"},
                new String[] {"contact", "010-1234-5678"}, new String[] {"username", "fuzz-partner-" + i},
                new String[] {"password", "a long enough password " + i});
        byte[] body = m.form(form);
        List<String[]> headers = consoleHeaders(m);
        header(headers, "Content-Type", m.contentType(FORM));
        headers.add(new String[] {"Accept", "text/html"});
        return new FuzzRequest("partner-request", i, "POST", "/console/partner-request", headers, body, m.note());
    }

    private FuzzRequest consoleUi(Mutator m, int i) {
        String[] langs = {"ko", "en", "vi"};
        String[] backs = {"/console", "/console/content", "/console/login", "/console/partner-request?x=1"};
        return get(m, "console-ui", i, "/console/ui/" + segment(m, langs[m.nextInt(langs.length)])
                + query(m, "back", backs[m.nextInt(backs.length)]), consoleHeaders(m));
    }

    private List<String[]> consoleHeaders(Mutator m) {
        List<String[]> h = new ArrayList<>();
        if (m.chance(5)) {
            m.notes.add("cookie");
            h.add(new String[] {"Cookie", "JWT=" + m.value("eyJhbGciOiJIUzI1NiJ9.e30.x") + (m.chance(50) ? "; ieum-ui=" + m.value("en") : "")});
        }
        if (m.chance(5)) {
            m.notes.add("origin");
            h.add(new String[] {m.chance(50) ? "Origin" : "Referer", m.value("https://evil.example.com/")});
        }
        if (m.chance(30)) {
            h.add(new String[] {"Accept-Language", m.value("ko-KR,ko;q=0.9")});
        }
        return h;
    }

    // ---------------------------------------------------------------- building blocks

    private FuzzRequest jsonPost(Mutator m, String name, int i, String path, Object seed, List<String[]> headers) {
        byte[] body = m.json(seed);
        header(headers, "Content-Type", m.contentType(JSON));
        return new FuzzRequest(name, i, "POST", path, headers, body, m.note());
    }

    private static FuzzRequest get(Mutator m, String name, int i, String target) {
        return get(m, name, i, target, new ArrayList<>());
    }

    private static FuzzRequest get(Mutator m, String name, int i, String target, List<String[]> headers) {
        return new FuzzRequest(name, i, "GET", target, headers, null, m.note());
    }

    private static void header(List<String[]> headers, String name, String value) {
        if (value != null) {
            headers.add(new String[] {name, value});
        }
    }

    /** A query string from name, value pairs (a null value leaves the pair out), bent: values, repeats, extra names, encodings. */
    private static String query(Mutator m, String... namesAndValues) {
        List<String[]> pairs = new ArrayList<>();
        for (int k = 0; k < namesAndValues.length; k += 2) {
            if (namesAndValues[k + 1] != null) {
                pairs.add(new String[] {namesAndValues[k], m.value(namesAndValues[k + 1])});
            }
        }
        if (m.pristine()) {
            m.notes.add("valid");
        } else if (m.chance(8) && !pairs.isEmpty()) {
            m.notes.add("repeat-param");
            String[] p = pairs.get(m.nextInt(pairs.size()));
            pairs.add(new String[] {p[0], m.value(p[1])});
        }
        if (!m.pristine() && m.chance(5)) {
            m.notes.add("extra-param");
            pairs.add(new String[] {Nasty.STRINGS.get(m.nextInt(Nasty.STRINGS.size())), m.value("1")});
        }
        if (!m.pristine() && m.chance(4) && !pairs.isEmpty()) {
            m.notes.add("drop-param");
            pairs.remove(m.nextInt(pairs.size()));
        }
        if (pairs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("?");
        for (String[] p : pairs) {
            if (b.length() > 1) {
                b.append('&');
            }
            b.append(encode(m, p[0])).append('=').append(encode(m, p[1]));
        }
        return b.toString();
    }

    /** A path segment: usually {@code valid}, bent like any value. */
    private static String segment(Mutator m, String valid) {
        String v = m.value(valid);
        return v.isEmpty() ? v : encode(m, v).replace("+", "%20");
    }

    /** Percent-encoded as UTF-8; now and then raw (bytes as they are, or escapes that are not escapes). */
    private static String encode(Mutator m, String s) {
        if (m.pristine() || !m.chance(6)) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
        m.notes.add("raw-target");
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (byte x : utf8) {
            b.append((char) (x & 0xff));
        }
        String[] extra = {"%", "%G1", "%E0%A4", "%FF", "%00", "%C0%80", "%2", "\u00ff", "\u0080", " ", "\"", "<", "{", "|", "\\", "^", "`",
            "#", "%25", "%2F", "%2e%2e"};
        if (m.chance(60)) {
            b.append(extra[m.nextInt(extra.length)]);
        }
        return b.toString();
    }

    private static String lang(Mutator m) {
        return LANGS[m.nextInt(LANGS.length)];
    }

    /** A random source for the seed's own choices (so they vary per request as the mutations do). */
    private static SplittableRandom rng(Mutator m) {
        return new SplittableRandom(m.nextInt(Integer.MAX_VALUE));
    }

    static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
