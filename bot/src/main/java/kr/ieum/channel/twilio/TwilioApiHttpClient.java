package kr.ieum.channel.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The SDK's own HTTP client, sending to a configured API base URL instead of {@code https://api.twilio.com}
 * (the SDK builds absolute URLs itself): keeps path and query, replaces scheme, host and port. With the real
 * base URL requests go out untouched.
 */
class TwilioApiHttpClient extends NetworkHttpClient {
    static final String TWILIO_API = "https://api.twilio.com";
    private final URI base;

    TwilioApiHttpClient(String apiUrl) {
        String trimmed = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.base = TWILIO_API.equals(trimmed) ? null : URI.create(trimmed);
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(base == null ? request : rebased(request));
    }

    private Request rebased(Request original) {
        URI uri = URI.create(original.getUrl());
        String pathAndQuery = (base.getRawPath() == null ? "" : base.getRawPath()) + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Request copy = new Request(original.getMethod(), base.getScheme() + "://" + base.getRawAuthority() + pathAndQuery);
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        copyInto(original.getQueryParams(), copy::addQueryParam);
        copyInto(original.getPostParams(), copy::addPostParam);
        copyInto(original.getHeaderParams(), copy::addHeaderParam);
        if (original.getContentType() != null) {
            copy.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        if (original.getFormParameters() != null) {
            copy.setFormParameters(original.getFormParameters());
        }
        if (original.getUserAgentExtensions() != null) {
            copy.setUserAgentExtensions(original.getUserAgentExtensions());
        }
        return copy;
    }

    private static void copyInto(Map<String, List<String>> from, BiConsumer<String, String> add) {
        from.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
