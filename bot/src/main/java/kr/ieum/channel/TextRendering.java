package kr.ieum.channel;

import kr.ieum.conversation.OutboundMessage;

/** Renders a reply as plain text: the text, then one line per numbered option ({@code 1. label}). */
public final class TextRendering {
    private TextRendering() {}

    public static String plain(OutboundMessage message) {
        StringBuilder sb = new StringBuilder(message.text().text());
        for (OutboundMessage.Option option : message.options()) {
            sb.append('\n').append(option.key()).append(". ").append(option.label().text());
        }
        return sb.toString();
    }
}
