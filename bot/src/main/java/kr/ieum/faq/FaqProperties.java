package kr.ieum.faq;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import kr.ieum.faq.index.FaqIndex;

/**
 * How sure the bot must be ({@code ieum.faq.*}).
 *
 * @param answerThreshold  confidence from which a topic is answered outright
 * @param clarifyThreshold confidence from which topics are offered as "did you mean"; below it, "I don't know"
 * @param gramWeight       weight of the character-n-gram field against the words field
 * @param phraseShare      how much the best single phrasing counts against all phrasings of a topic together
 * @param answerShare      how much the words of a topic's answer count towards the topic as a whole
 * @param closeCallMargin  a runner-up topic within this much of the best one makes the answer a "did you mean" with
 *                         both (sibling topics such as a lost phone and a lost card), even above the answer threshold
 * @param declineMargin    a decline topic (a question outside what Ieum knows) within this much of the best topic makes
 *                         the answer a "did you mean" too: wider than the close-call margin, as a wrong answer to an
 *                         out-of-scope question costs more
 * @param conceptMargin    a runner-up within this much of the best topic makes a "did you mean" when the question
 *                         mentions a concept foreign to the best topic's phrasings and common in the runner-up's
 * @param conceptWeight    how much the concepts a question mentions (content/concepts) count against its words, when
 *                         it mentions any
 */
@ConfigurationProperties("ieum.faq")
public record FaqProperties(
        @Bindable(defaultValue = "0.5") double answerThreshold,
        @Bindable(defaultValue = "0.3") double clarifyThreshold,
        @Bindable(defaultValue = "0.25") float gramWeight,
        @Bindable(defaultValue = "0.3") double phraseShare,
        @Bindable(defaultValue = "0.0") double answerShare,
        @Bindable(defaultValue = "0.03") double closeCallMargin,
        @Bindable(defaultValue = "0.1") double declineMargin,
        @Bindable(defaultValue = "0") double conceptMargin,
        @Bindable(defaultValue = "0.5") double conceptWeight) {

    /** The index settings these properties describe. */
    public FaqIndex.Weights weights() {
        return new FaqIndex.Weights(gramWeight, phraseShare, answerShare);
    }
}
