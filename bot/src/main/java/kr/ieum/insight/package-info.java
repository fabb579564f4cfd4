/**
 * What staff learn from conversations without reading anyone's: the questions residents asked and did not get,
 * clustered (and, with the handoff work, the analytics). Aggregates and redacted text only.
 */
package kr.ieum.insight;
