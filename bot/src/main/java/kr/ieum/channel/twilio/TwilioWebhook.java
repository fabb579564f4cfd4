package kr.ieum.channel.twilio;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a verified Twilio webhook says, mapped from its form parameters: a message from a resident, a
 * delivery status of a message we sent, or something this service does not use (acknowledged and skipped).
 */
sealed interface TwilioWebhook {
    Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
    Pattern STATUS = Pattern.compile("[a-z_]{1,20}");

    /** A message from a resident ({@code From} keeps a {@code whatsapp:} prefix). */
    record Incoming(String messageSid, String from, String to, String body, int numMedia, boolean location)
            implements TwilioWebhook {

        /** True for a picture, voice note, sticker, location or contact card without words. */
        boolean nonText() {
            return body.isBlank() && (numMedia > 0 || location);
        }

        /** The sender's number in E.164 without the channel prefix. */
        String fromNumber() {
            return from.startsWith(TwilioChannel.WHATSAPP) ? from.substring(TwilioChannel.WHATSAPP.length()) : from;
        }
    }

    /** A status callback for a message we sent. */
    record Status(String messageSid, String status, String errorCode) implements TwilioWebhook {

        /** What is recorded with the outbox row: the status, with Twilio's error code when there is one. */
        String recorded() {
            return errorCode.isEmpty() ? status : status + ":" + errorCode;
        }
    }

    /** A form this service cannot use (fields missing or malformed). */
    record Unknown(String reason) implements TwilioWebhook {}

    static TwilioWebhook incoming(Map<String, String> form) {
        String sid = form.getOrDefault("MessageSid", "");
        String from = form.getOrDefault("From", "").strip();
        if (!SID.matcher(sid).matches()) {
            return new Unknown("no valid MessageSid");
        }
        if (from.isEmpty() || from.length() > 64) {
            return new Unknown("no valid From");
        }
        int media;
        try {
            media = Integer.parseInt(form.getOrDefault("NumMedia", "0").strip());
        } catch (NumberFormatException e) {
            media = 0;
        }
        boolean location = form.containsKey("Latitude") && form.containsKey("Longitude");
        return new Incoming(sid, from, form.getOrDefault("To", "").strip(), form.getOrDefault("Body", ""), media, location);
    }

    static TwilioWebhook status(Map<String, String> form) {
        String sid = form.getOrDefault("MessageSid", form.getOrDefault("SmsSid", ""));
        String status = form.getOrDefault("MessageStatus", form.getOrDefault("SmsStatus", ""));
        if (!SID.matcher(sid).matches()) {
            return new Unknown("no valid MessageSid");
        }
        if (!STATUS.matcher(status).matches()) {
            return new Unknown("no valid MessageStatus");
        }
        String error = form.getOrDefault("ErrorCode", "").strip();
        return new Status(sid, status, error.matches("\\d{1,6}") ? error : "");
    }
}
