package kr.ieum.handoff;

/** A new request for a person was filed (published in the filing turn; listeners must not need it committed). */
public record HandoffRequested(Handoff handoff) {}
