package kr.ieum.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code /} sends newcomers to the chat page ({@code /chat}), keeping a {@code ?lang=} they came with. */
@Controller
class PageController {

    @Get
    HttpResponse<?> index(@QueryValue @Nullable String lang) {
        String query = lang == null || lang.isBlank() || lang.length() > 64 ? "" : "?lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8);
        return HttpResponse.seeOther(URI.create("/chat" + query));
    }
}
