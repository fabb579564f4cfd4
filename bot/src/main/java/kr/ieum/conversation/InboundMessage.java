package kr.ieum.conversation;

/**
 * A resident's message as every channel hands it over.
 *
 * @param channel    channel id ({@code api}, {@code sms}, ...)
 * @param address    the sender's address on that channel (phone number, chat id); stored only encrypted
 * @param text       what they wrote (may be empty)
 * @param localeHint a BCP 47 hint from the channel or client, or null
 */
public record InboundMessage(String channel, String address, String text, String localeHint) {}
