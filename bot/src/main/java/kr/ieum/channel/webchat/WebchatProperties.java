package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Web chat settings ({@code ieum.channels.webchat}). Sessions are signed with a key derived from the master key,
 * so the channel needs no secret of its own and is on unless {@code IEUM_WEBCHAT_ENABLED=false}.
 *
 * @param enabled            whether {@code /chat}, the widget and the {@code /webchat} API are served
 * @param origins            comma-separated origins of other sites allowed to embed the chat or call its API
 *                           ({@code IEUM_WEBCHAT_ORIGINS}); the service's own origin is always allowed
 * @param messagesPerMinute  messages one session may send per minute (a short burst of {@code burst} is allowed)
 * @param burst              messages a session may send at once before the per-minute rate applies
 * @param sessionsPerMinute  sessions one client address may open per minute
 * @param sessionTtl         how long a session token stays valid
 * @param maxText            the longest message accepted, in characters
 * @param heartbeat          how often an idle event stream sends a keep-alive event
 */
@ConfigurationProperties("ieum.channels.webchat")
public record WebchatProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable List<String> origins,
        @Bindable(defaultValue = "20") int messagesPerMinute,
        @Bindable(defaultValue = "8") int burst,
        @Bindable(defaultValue = "30") int sessionsPerMinute,
        @Bindable(defaultValue = "30d") Duration sessionTtl,
        @Bindable(defaultValue = "4000") int maxText,
        @Bindable(defaultValue = "25s") Duration heartbeat) {

    /** The configured origins, normalised ({@code scheme://host[:port]}, lower case); malformed entries are dropped. */
    public Set<String> allowedOrigins() {
        Set<String> out = new LinkedHashSet<>();
        if (origins == null) {
            return out;
        }
        for (String item : origins) {
            for (String part : item.split(",")) {
                normalise(part).ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code scheme://host[:port]} of a URL or an Origin header, lower case, default ports dropped; empty if malformed. */
    static Optional<String> normalise(String url) {
        if (url == null || url.isBlank() || url.strip().equals("null")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
