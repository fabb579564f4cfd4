package kr.ieum.channel.kakao;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a callback URL taken from a request may point: http(s) to one of the configured hosts or their
 * sub-domains. Keeps a forged or mistaken {@code callbackUrl} from making this service POST elsewhere.
 */
final class CallbackHosts {
    private final List<String> hosts;

    CallbackHosts(String list) {
        this.hosts = list == null ? List.of() : Arrays.stream(list.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
    }

    boolean allows(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || host.isEmpty() || uri.getUserInfo() != null) {
                return false;
            }
            return hosts.stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
