package kr.ieum.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "my number is 900101-5123456 help | my number is [id-number] help",
            "등록번호 9001015123456 입니다 | 등록번호 [id-number] 입니다",
            "passport M12345678 expired | passport [passport] expired",
            "여권 M123A4567 이에요 | 여권 [passport] 이에요",
            "full width ９００１０１－５１２３４５６ | full width [id-number]",
            "en dash 900101–5123456 and minus 900101−5123456 | en dash [id-number] and minus [id-number]",
            "spaced 900101 - 5123456 | spaced [id-number]",
            "call me +82 10-1234-5678 please | call me [phone] please",
            "mail an.nguyen@example.com now | mail [email] now",
            "call 1345 for help | call 1345 for help",
            "fee is 35,000 won | fee is 35,000 won",
            "hộ chiếu C1234567 | hộ chiếu [passport]",
            "护照号 E12345678 | 护照号 [passport]",
            "passport P1234567A renewal | passport [passport] renewal",
            "spaced ARC 900101 5123456 | spaced ARC [id-number]",
            "전화 010 1234 5678 주세요 | 전화 [phone] 주세요",
            "전화 ０１０－１２３４－５６７８ | 전화 [phone]",
            "Nepal +977 9812345678 | Nepal [phone]",
            "card from 2024, age 11, 3 times | card from 2024, age 11, 3 times"
    })
    void redactsIdentifiersButKeepsUsefulNumbers(String in, String out) {
        assertEquals(out, Redactor.redact(in));
    }

    @Test
    void aLongWordWithoutIdentifiersComesBackUnchanged() {
        // 20,000 letters without '@' or digits (the patterns start only where a token starts, so each is read once)
        String word = "ກ".repeat(10_000) + "a".repeat(10_000);
        assertEquals(word, Redactor.redact(word));
        assertFalse(Redactor.containsIdNumber(word));
    }

    @Test
    void leavesNoDigitsOfARegistrationNumber() {
        assertFalse(Redactor.redact("ARC 850505-6234567").contains("6234567"));
    }

    @org.junit.jupiter.api.Test
    void tellsWhetherAMessageHoldsAnIdNumberAndAnswersWithoutIt() {
        org.junit.jupiter.api.Assertions.assertTrue(Redactor.containsIdNumber("my ARC is 900101-5123456, is it ok?"));
        org.junit.jupiter.api.Assertions.assertTrue(Redactor.containsIdNumber("passport M123A4567"));
        assertFalse(Redactor.containsIdNumber("call 1345, the fee is 35,000 won, my card is from 2024"));
        assertEquals("my ARC is , is it ok?", Redactor.withoutIdNumbers("my ARC is 900101-5123456, is it ok?"));
    }
}
