package kr.ieum.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quoted history and signatures as mail clients write them, in the residents' languages. */
class ReplyCleanerTest {
    private static final String NEW = "How much does the mobile card cost?";

    private static String clean(String body) {
        return ReplyCleaner.clean(body, 2000);
    }

    @ParameterizedTest(name = "cut at: {0}")
    @ValueSource(strings = {
        // Gmail, Apple Mail, Thunderbird (en)
        "On Fri, May 3, 2024 at 3:15 PM Ieum <bot@ieum.test> wrote:",
        "On 3 May 2024, at 15:15, Ieum <bot@ieum.test> wrote:",
        // Gmail wraps long attributions over two lines
        "On Fri, May 3, 2024 at 3:15 PM Ieum Multilingual Help Desk <\nbot@ieum.test> wrote:",
        // Korean Gmail and Apple Mail
        "2024년 5월 3일 (금) 오후 3:15, Ieum <bot@ieum.test>님이 작성:",
        "2024. 5. 3. 오후 3:15, Ieum <bot@ieum.test> 작성:",
        // Japanese Gmail, Thunderbird
        "2024年5月3日(金) 15:15 Ieum <bot@ieum.test>:",
        "Ieum さんは書きました:",
        // Chinese Gmail (simplified, traditional)
        "Ieum <bot@ieum.test> 于2024年5月3日周五 15:15写道：",
        "Ieum <bot@ieum.test> 於 2024年5月3日 週五 下午3:15寫道：",
        // Vietnamese Gmail
        "Vào Th 6, 3 thg 5, 2024 vào lúc 15:15 Ieum <bot@ieum.test> đã viết:",
        // Russian Gmail, Thunderbird, Yandex
        "пт, 3 мая 2024 г. в 15:15, Ieum <bot@ieum.test>:",
        "03.05.2024 15:15, Ieum пишет:",
        "03.05.2024, 15:15, \"Ieum\" <bot@ieum.test>:",
        // Outlook separators and header blocks
        "-----Original Message-----",
        "----- 원본 메시지 -----",
        "-----Исходное сообщение-----",
        "________________________________\nFrom: Ieum <bot@ieum.test>\nSent: Friday, May 3, 2024 3:15 PM\nTo: Maria\nSubject: RE: question",
        "From: Ieum <bot@ieum.test>\nSent: Friday, May 3, 2024 3:15 PM\nTo: Maria\nSubject: RE: question",
        "보낸 사람: Ieum <bot@ieum.test>\n보낸 날짜: 2024년 5월 3일 금요일 오후 3:15\n받는 사람: 김민준\n제목: 질문",
        "差出人: Ieum <bot@ieum.test>\n送信日時: 2024年5月3日 15:15\n宛先: 山田\n件名: 質問",
        "发件人: Ieum <bot@ieum.test>\n发送时间: 2024年5月3日 15:15\n收件人: 王\n主题: 问题",
        "Từ: Ieum <bot@ieum.test>\nĐã gửi: Thứ Sáu, 3 tháng 5, 2024 15:15\nĐến: An\nChủ đề: câu hỏi",
        "От: Ieum <bot@ieum.test>\nОтправлено: 3 мая 2024 г. 15:15\nКому: Иван\nТема: вопрос",
        // signatures and device trailers
        "-- \nMaria Santos\n+63 912 345 6789",
        "Sent from my iPhone",
        "Sent from my Galaxy",
        "Get Outlook for Android",
        "iPhone에서 보냄",
        "Samsung Galaxy 스마트폰에서 보냈습니다.",
        "iPhoneから送信",
        "发自我的iPhone",
        "發自我的 iPhone",
        "Gửi từ iPhone của tôi",
        "Отправлено с iPhone",
    })
    void keepsOnlyTheNewTextAboveQuotedHistoryAndSignatures(String cut) {
        String body = NEW + "\n\n" + cut + "\n\nI lost my phone. What happens to my mobile card?\n> older question\n";
        assertEquals(NEW, clean(body));
    }

    @Test
    void dropsQuotedLinesInterleavedWithTheAnswer() {
        assertEquals("Thanks.\n" + NEW, clean("Thanks.\n> I lost my phone?\n>> even older\n" + NEW));
    }

    @ParameterizedTest(name = "kept: {0}")
    @ValueSource(strings = {
        "I have two questions:\nhow much does it cost?",
        "My e-mail is maria@example.ph. How much does it cost?",
        "Từ thứ Hai tôi sẽ đi làm. Thẻ cư trú di động có mất tiền không?",
        "From Monday I work in Seoul: how much does it cost?",
        "Gửi từ Busan: thẻ có mất tiền không?",
    })
    void ordinaryTextThatLooksLikeAHeaderIsKept(String text) {
        assertEquals(text, clean(text));
    }

    @Test
    void randomInputNeverThrows() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 300; j++) {
                sb.append(random.nextInt(8) == 0 ? '\n' : (char) (random.nextInt(0x3000) + 0x20));
            }
            ReplyCleaner.clean(sb.toString(), 100);
        }
    }
}
