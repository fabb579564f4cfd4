package kr.ieum.handoff;

/** A new request for a person was filed (published in the filing transaction; listeners act after it commits). */
public record HandoffRequested(Handoff handoff) {}
