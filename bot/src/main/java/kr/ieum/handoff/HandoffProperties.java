package kr.ieum.handoff;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * {@code ieum.handoff.*}: when people answer and in which languages, so that HUMAN promises only what will happen.
 *
 * @param languages     the languages agents read (BCP 47 tags of our locales)
 * @param days          the agents' working days, e.g. {@code MON-FRI}
 * @param hours         their hours, e.g. {@code 09:00-18:00}, in {@code zone}
 * @param expectedWait  what residents are told they usually wait
 * @param timeout       after this long without a word from the agent who claimed it, the bot takes over again
 * @param lineLongHours languages 1345 answers in until 22:00 (domain facts 2.02)
 * @param lineLanguages languages 1345 answers in on weekdays 9:00-18:00 (domain facts 2.04, single source)
 * @param notifyEmail   addresses told of each new request (through the e-mail channel's SMTP settings); empty = none
 * @param afterUnanswered after this many questions in a row the bot could not answer, it asks a person (0 = never)
 */
@ConfigurationProperties("ieum.handoff")
public record HandoffProperties(
        @Bindable(defaultValue = "ko,en") List<String> languages,
        @Bindable(defaultValue = "MON-FRI") String days,
        @Bindable(defaultValue = "09:00-18:00") String hours,
        @Bindable(defaultValue = "Asia/Seoul") String zone,
        @Bindable(defaultValue = "2h") Duration expectedWait,
        @Bindable(defaultValue = "4h") Duration timeout,
        @Bindable(defaultValue = "ko,en,zh-Hans,zh-Hant") List<String> lineLongHours,
        @Bindable(defaultValue = "ko,en,zh-Hans,zh-Hant,ja,ru,vi,th,mn,id,bn,ur,ne,km,my,tl,si") List<String> lineLanguages,
        @Bindable(defaultValue = "") List<String> notifyEmail,
        @Bindable(defaultValue = "0") int afterUnanswered) {}
