package kr.ieum.channel.telegram;

import kr.ieum.channel.InboundEnvelope;

/** What an update means to Ieum: a resident's message (or button press), or a kind we skip. */
sealed interface TelegramInbound {

    /**
     * A message for the conversation.
     *
     * @param callbackQueryId the callback query to answer (stops the button's spinner), or null
     */
    record Accepted(InboundEnvelope envelope, String callbackQueryId) implements TelegramInbound {}

    /** An update kind Ieum does not handle (edited_message, channel_post, my_chat_member, service messages...). */
    record Unknown(long updateId, String kind) implements TelegramInbound {}
}
