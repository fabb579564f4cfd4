package kr.ieum.channel.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kr.ieum.channel.twilio.SmsSegments.Count;
import kr.ieum.channel.twilio.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Segment counting as carriers bill it: GSM-7 160/153 with 2-septet extension characters, UCS-2 70/67. */
class SmsSegmentsTest {

    private static Count count(String text) {
        return SmsSegments.count(text);
    }

    @ParameterizedTest(name = "{0} x ''{1}'' is {2} segment(s) of {3}")
    @CsvSource({
            // plain Latin: 160 in one SMS, then parts of 153
            "160, a, 1, GSM7",
            "161, a, 2, GSM7",
            "306, a, 2, GSM7",
            "307, a, 3, GSM7",
            // Hangul: UCS-2, 70 alone, 67 per part
            "70, 한, 1, UCS2",
            "71, 한, 2, UCS2",
            "134, 한, 2, UCS2",
            "135, 한, 3, UCS2",
            // Thai is UCS-2 as well
            "70, ก, 1, UCS2",
            "201, ก, 3, UCS2",
            "202, ก, 4, UCS2"
    })
    void countsSegmentsAtTheCarrierLimits(int times, String ch, int segments, Encoding encoding) {
        Count c = count(ch.repeat(times));
        assertEquals(segments, c.segments());
        assertEquals(encoding, c.encoding());
    }

    @Test
    void extensionCharactersCostTwoSeptetsAndAreNotSplitAcrossParts() {
        assertEquals(new Count(Encoding.GSM7, 160, 1), count("€".repeat(80)));
        assertEquals(new Count(Encoding.GSM7, 162, 2), count("€".repeat(81)));
        // 306 septets would fit two parts of 153, but the euro sign cannot straddle parts 1 and 2
        assertEquals(new Count(Encoding.GSM7, 306, 3), count("a".repeat(152) + "€" + "a".repeat(152)));
        assertEquals(Encoding.GSM7, count("{[price]} ~ 5|6 \\ ^").encoding());
    }

    @Test
    void surrogatePairsCountTwoUnitsAndAreNotSplit() {
        assertEquals(new Count(Encoding.UCS2, 2, 1), count("😀"));
        // 134 code units would fit two parts of 67, but the emoji cannot straddle parts 1 and 2
        assertEquals(new Count(Encoding.UCS2, 134, 3), count("ก".repeat(66) + "😀" + "ก".repeat(66)));
    }

    @Test
    void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
        assertEquals(Encoding.GSM7, count("Xin chào, Ñandù, Åse, Øre, ß").encoding());
        assertEquals(Encoding.UCS2, count("Xin chào, thẻ cư trú").encoding());
        assertEquals(Encoding.UCS2, count("It’s here").encoding(), "a curly apostrophe is not GSM-7");
        assertEquals(Encoding.UCS2, count("Hello 안녕").encoding());
        assertEquals(new Count(Encoding.GSM7, 0, 1), count(""));
    }
}
