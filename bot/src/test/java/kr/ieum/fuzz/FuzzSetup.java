package kr.ieum.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets and addresses the fuzzed service is configured with and the generator signs with: the same values go
 * into the service's configuration ({@link #properties}) and into every signature, so that mutated bodies pass the
 * signature check and reach the parser and the conversation. {@code standIn} is the {@link ProviderStandIn} every
 * provider API points at; {@code campaign} a running campaign's code; {@code webchatTokens} sessions opened beforehand;
 * {@code epochMillis} the time events claim to have happened around (LINE's reply tokens are fresh only briefly).
 */
public record FuzzSetup(String standIn, String campaign, List<String> webchatTokens, long epochMillis) {
    public static final String PUBLIC_URL = "https://ieum-fuzz.example.org";
    public static final String TWILIO_ACCOUNT = "AC" + "f".repeat(31) + "1";
    public static final String TWILIO_TOKEN = "fuzz-twilio-auth-token-0123456789";
    public static final String META_SECRET = "fuzz-meta-app-secret";
    public static final String META_VERIFY_TOKEN = "fuzz-verify-token";
    public static final String META_PHONE_ID = "106540352242922";
    public static final String LINE_SECRET = "fuzz-line-channel-secret-0123456";
    public static final String TELEGRAM_TOKEN = "7000000000:AAE-fuzz-token";
    public static final String TELEGRAM_SECRET = "fuzz-Telegram_secret-0123";
    public static final String KAKAO_SECRET = "fuzz-kakao-skill-secret";
    /** How many web chat sessions the generator spreads its messages over. */
    public static final int WEBCHAT_SESSIONS = 8;

    public FuzzSetup {
        webchatTokens = List.copyOf(webchatTokens);
    }

    /**
     * The service's configuration for a fuzz run (Micronaut property names): every channel on, its secret set, its API
     * at the stand-in; web chat limits high enough that the fuzzer's messages are parsed rather than turned away.
     */
    public static Map<String, String> properties(String standIn) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ieum.public-url", PUBLIC_URL);
        p.put("ieum.channels.twilio.enabled", "true");
        p.put("ieum.channels.twilio.account-sid", TWILIO_ACCOUNT);
        p.put("ieum.channels.twilio.auth-token", TWILIO_TOKEN);
        p.put("ieum.channels.twilio.sms-from", "+15005550006");
        p.put("ieum.channels.twilio.whatsapp-from", "whatsapp:+14155238886");
        p.put("ieum.channels.twilio.api-url", standIn);
        p.put("ieum.channels.meta.enabled", "true");
        p.put("ieum.channels.meta.app-secret", META_SECRET);
        p.put("ieum.channels.meta.verify-token", META_VERIFY_TOKEN);
        p.put("ieum.channels.meta.page-token", "fuzz-page-token");
        p.put("ieum.channels.meta.whatsapp-token", "fuzz-whatsapp-token");
        p.put("ieum.channels.meta.graph-url", standIn + "/v21.0");
        p.put("ieum.channels.line.enabled", "true");
        p.put("ieum.channels.line.channel-secret", LINE_SECRET);
        p.put("ieum.channels.line.channel-token", "fuzz-line-channel-token");
        p.put("ieum.channels.line.api-url", standIn);
        p.put("ieum.channels.telegram.enabled", "true");
        p.put("ieum.channels.telegram.bot-token", TELEGRAM_TOKEN);
        p.put("ieum.channels.telegram.webhook-secret", TELEGRAM_SECRET);
        p.put("ieum.channels.telegram.api-url", standIn);
        p.put("ieum.channels.kakao.enabled", "true");
        p.put("ieum.channels.kakao.skill-secret", KAKAO_SECRET);
        p.put("ieum.channels.kakao.callback-hosts", "127.0.0.1");
        p.put("ieum.channels.webchat.messages-per-minute", "1000000");
        p.put("ieum.channels.webchat.burst", "1000000");
        p.put("ieum.channels.webchat.sessions-per-minute", "1000000");
        p.put("ieum.outreach.telegram-bot", "IeumFuzzBot");
        p.put("ieum.outreach.whatsapp-number", "+14155238886");
        p.put("ieum.outreach.sms-number", "+15005550006");
        p.put("ieum.outreach.line-account", "@ieumfuzz");
        p.put("ieum.outreach.kakao-channel", "_xFuzz");
        return p;
    }
}
