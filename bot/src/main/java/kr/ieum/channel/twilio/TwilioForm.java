package kr.ieum.channel.twilio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded parameters of a Twilio webhook ({@code application/x-www-form-urlencoded}). Twilio never
 * repeats a name; a repeated or undecodable one makes the form malformed (empty).
 */
final class TwilioForm {
    private TwilioForm() {}

    static Optional<Map<String, String>> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return Optional.of(params);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (params.putIfAbsent(name, value) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
