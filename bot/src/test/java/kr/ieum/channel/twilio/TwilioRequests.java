package kr.ieum.channel.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds webhook requests the way Twilio sends them: golden form fields, form-encoded, signed as Twilio
 * documents it ("Webhooks security"): base64 of HMAC-SHA1, keyed with the auth token, over the full URL
 * followed by each POST parameter name and value, sorted by name. Written independently of the SDK, so the
 * verifier is checked against the documented algorithm.
 */
final class TwilioRequests {
    private TwilioRequests() {}

    /** The fields of a golden {@code .params} file, with {@code {{name}}} slots filled. */
    static Map<String, String> params(String name, Map<String, String> slots) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String line : TwilioApiStandIn.golden(name).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            String value = line.substring(eq + 1);
            for (Map.Entry<String, String> slot : slots.entrySet()) {
                value = value.replace("{{" + slot.getKey() + "}}", slot.getValue());
            }
            params.put(line.substring(0, eq), value);
        }
        return params;
    }

    static Map<String, String> params(String name) {
        return params(name, Map.of());
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
