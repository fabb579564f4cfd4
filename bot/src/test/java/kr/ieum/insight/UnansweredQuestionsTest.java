package kr.ieum.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Questions that read alike end up together, in any script; different questions and languages stay apart. */
class UnansweredQuestionsTest {

    @Test
    void similarWordingsClusterAndDifferentOnesDoNot() {
        List<UnansweredQuestions.Cluster> clusters = UnansweredQuestions.cluster(List.of(
                row("vi", "làm thẻ cho con nhỏ được không", "unanswered"),
                row("vi", "Làm thẻ cho con nhỏ được không?", "clarify"),
                row("vi", "lam the cho con nho duoc khong", "unanswered"),
                row("vi", "làm thẻ cho con nhỏ được ko", "unanswered"),
                row("vi", "visa E-9 gia hạn ở đâu", "unanswered"),
                row("ko", "아이도 모바일 신분증 되나요", "unanswered"),
                row("ko", "아이도 모바일 신분증 되나요?", "unanswered"),
                row("ko", "여권 재발급은 어디서", "unanswered")));
        UnansweredQuestions.Cluster top = clusters.get(0);
        assertEquals("vi", top.locale());
        assertEquals(3, top.count(), clusters.toString());
        assertEquals(2, top.outcomes().get("unanswered"));
        assertEquals(1, top.outcomes().get("clarify"));
        assertEquals(2, clusters.get(1).count(), "the Korean pair");
        assertEquals("ko", clusters.get(1).locale());
        // the unaccented Vietnamese is another wording (too far for trigrams), the visa and passport questions stand alone
        assertEquals(5, clusters.size(), clusters.toString());
    }

    private static String[] row(String locale, String text, String outcome) {
        return new String[] {locale, text, outcome};
    }
}
