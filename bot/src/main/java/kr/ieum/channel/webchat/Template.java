package kr.ieum.channel.webchat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page from {@code resources/web}: {@code {{name}}} slots are filled with escaped text, {@code {{{name}}}}
 * slots with HTML this package built (itself from escaped parts). A slot without a value is a message key.
 */
final class Template {
    private static final Pattern SLOT = Pattern.compile("\\{\\{\\{([A-Za-z.]+)}}}|\\{\\{([A-Za-z.]+)}}");
    private final String text;

    private Template(String text) {
        this.text = text;
    }

    static Template load(String resource) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String raw() {
        return text;
    }

    /**
     * @param values   text for {@code {{name}}} slots (escaped here) and HTML for {@code {{{name}}}} slots
     * @param messages the text of a message key, for {@code {{key}}} slots not in {@code values}
     */
    String render(Map<String, String> values, Function<String, String> messages) {
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 2048);
        while (m.find()) {
            String value;
            if (m.group(1) != null) {
                value = values.getOrDefault(m.group(1), "");
            } else {
                String key = m.group(2);
                value = Html.escape(values.containsKey(key) ? values.get(key) : messages.apply(key));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
