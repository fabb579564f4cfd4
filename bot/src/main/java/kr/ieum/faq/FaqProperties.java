package kr.ieum.faq;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How sure the bot must be ({@code ieum.faq.*}).
 *
 * @param answerThreshold  confidence from which a topic is answered outright
 * @param clarifyThreshold confidence from which topics are offered as "did you mean"; below it, "I don't know"
 * @param gramWeight       weight of the character-n-gram field against the words field
 */
@ConfigurationProperties("ieum.faq")
public record FaqProperties(
        @Bindable(defaultValue = "0.55") double answerThreshold,
        @Bindable(defaultValue = "0.3") double clarifyThreshold,
        @Bindable(defaultValue = "0.5") float gramWeight) {}
