package kr.ieum.channel.line;

import kr.ieum.channel.InboundEnvelope;

/** What one webhook event means to Ieum: a resident's message, or an event we skip. */
sealed interface LineInbound {

    /** A message, quick-reply postback or follow for the conversation. */
    record Accepted(InboundEnvelope envelope) implements LineInbound {}

    /** An event Ieum does not handle (unfollow, join, unsend, standby mode, no user id...). */
    record Unknown(String type) implements LineInbound {}
}
