package kr.ieum.channel.meta;

import kr.ieum.channel.InboundEnvelope;

/** What one item of a Meta webhook means to us; everything we do not handle is {@link Unknown} and skipped. */
sealed interface MetaEvent {

    /** A resident's message (Messenger or WhatsApp), ready to be stored. */
    record Message(InboundEnvelope envelope) implements MetaEvent {}

    /** A delivery status of a message we sent ({@code sent}, {@code delivered}, {@code read}, {@code failed}). */
    record Status(String channel, String providerId, String status) implements MetaEvent {}

    /** An object, field or message type we do not act on (echoes, reactions, reads, account updates). */
    record Unknown(String what) implements MetaEvent {}
}
