package kr.ieum.conversation;

/**
 * A resident's message as every channel hands it over.
 *
 * @param channel    channel id ({@code api}, {@code twilio}, {@code telegram}, ...)
 * @param address    the sender's address on that channel (phone number, chat id); stored only encrypted
 * @param text       what they wrote (may be empty)
 * @param localeHint a BCP 47 hint from the channel or client, or null
 * @param nonText    true when the resident sent something the bot cannot read (image, sticker, voice,
 *                   location, contact card); {@code text} then holds only a caption, if any
 * @param startPayload a deep link's start code the channel received besides the text (a Telegram {@code /start}
 *                   parameter), or null
 */
public record InboundMessage(String channel, String address, String text, String localeHint, boolean nonText,
        String startPayload) {

    public InboundMessage(String channel, String address, String text, String localeHint) {
        this(channel, address, text, localeHint, false, null);
    }

    public InboundMessage(String channel, String address, String text, String localeHint, boolean nonText) {
        this(channel, address, text, localeHint, nonText, null);
    }
}
