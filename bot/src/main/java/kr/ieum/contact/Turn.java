package kr.ieum.contact;

/** One message in ({@code in}) or out ({@code out}) and what the bot made of it. Numbers may be null. */
public record Turn(String direction, String body, String language, Double languageConfidence, String outcome,
        String topic, Double score, Integer processingMicros) {}
