package kr.ieum.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the fuzzer puts where a resident's words, an id or a number should be: real questions in several scripts (so
 * that most bodies reach the conversation), commands, control characters, lone surrogates, direction marks, emoji,
 * SQL, HTML and template injections, numbers out of range, and byte sequences that are not UTF-8. None of them
 * contains a word {@link Leaks} looks for, so an echo of the input is never taken for a leaked error.
 */
final class Nasty {
    private Nasty() {}

    /** Texts a resident might send: questions in several languages, commands, menu numbers, start codes. */
    static final List<String> TEXTS = List.of(
            "what is the mobile residence card?", "how do I get the mobile residence card?", "thẻ cư trú di động là gì?",
            "모바일 외국인등록증이 뭐예요?", "что такое мобильная карта иностранца?", "บัตรต่างด้าวบนมือถือคืออะไร",
            "موبائل کارڈ کون لے سکتا ہے؟", "मोबाइल रेसिडेन्स कार्ड भनेको के हो?", "手机外国人登录证是什么？", "モバイル在留カードとは？",
            "Làm thẻ cư trú di động có mất tiền không?", "ano ang mobile residence card", "kartu izin tinggal seluler itu apa",
            "MENU", "menu", "1", "2", "3", "9", "0", "HELP", "HUMAN", "LANGUAGE", "NEWS", "tin tức", "소식", "CONTINUE", "MORE",
            "START", "STOP", "FORGET", "YES", "hi", "xin chào", "안녕하세요", "thanks", "ok", "ID", "ID VI", "ID 베트남어",
            "j_mobile-id-enrollment_l-vi", "j_mobile-id-enrollment_card_c-fuzzcamp_l-km", "t_mobile-id-overview_c-fuzzcamp_l-ne",
            "/start j_mobile-id-enrollment_l-ru", "my number is 900101-5123456", "passport M12345678 lost", "call me 010-1234-5678",
            "visa fee?", "how much money for a job", "ID card lost what do I do");

    /** Strings that are hard on parsers, databases, templates and renderers. */
    static final List<String> STRINGS = List.of(
            "", " ", "\t\n\r", "\u0000", "a\u0000b", "\u0000\u0007what\u001b[31m is\u0008?", "\u0001\u0002\u0003\u007f",
            "\ud800", "\udfff", "x\ud83dy", "\udc00\ud800", "\ufffe\uffff", "\ufeff", "\u202e\u0645\u0648\u0628\u0627\u0626\u0644\u202c",
            "\u200f\u200e\u2066\u2069\u061c", "\u200b\u200c\u200d\u2060", "😀😀😀🙏", "👨‍👩‍👧‍👦🏳️‍🌈", "🇰🇷🇻🇳",
            "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301", "Ｉｄ　ＶＩ", "ǅǈǋ", "İıſ",
            "'; DROP TABLE contact; --", "' OR '1'='1", "1 OR 1=1", "\\'; select pg_sleep(30); --", "$$; select 1; $$",
            "%s%s%s%n", "{0}{1}{999}", "{name}", "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "${jndi:ldap://127.0.0.1/a}",
            "<script>alert('x')</script><img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "</textarea><b>",
            "javascript:alert(1)", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "%00", "%", "%zz",
            "\\u0000", "\\", "\"", "''", "null", "undefined", "NaN", "-0", "1e309", "-1", "0", "99999999999999999999999999",
            "-9223372036854775809", "9223372036854775808", "2147483648", "1.7976931348623157E309", "0x7fffffff",
            "true", "[]", "{}", "[[[[", "}}}}", "&amp;", "&#0;", "\u00ff\u00fe", "\u0085\u2028\u2029", "a\r\nX-Injected: 1",
            "+", "++", "=", "&", "&&=&", "?", "#", "@", "/", "//evil.example.com", "https://evil.example.com/x", "http://127.0.0.1:1/",
            "whatsapp:", "whatsapp:+", "+00000000000000000000", "+8210", "+82 10-1234-5678", "０１０－１２３４－５６７８",
            "AC" + "0".repeat(32), "SM", "wamid.", "U", "m_", "mobile-id-overview", "mobile-id-enrollment", "fuzzcamp");

    /** Byte sequences that are not UTF-8 (or are, in forms a strict decoder refuses). */
    static final List<byte[]> BAD_UTF8 = List.of(
            bytes(0xff), bytes(0xfe, 0xff), bytes(0xc0, 0x80), bytes(0xc1, 0xbf), bytes(0xe0, 0x80, 0x80), bytes(0xed, 0xa0, 0x80),
            bytes(0xed, 0xbf, 0xbf), bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0x80), bytes(0xbf, 0x80),
            bytes(0xe2, 0x82), bytes(0xf0, 0x9f, 0x98), bytes(0xc3), bytes(0x00), bytes(0x00, 0x00, 0x00), bytes(0xef, 0xbb, 0xbf),
            bytes(0x1b, 0x5b, 0x33, 0x31, 0x6d), bytes(0x7f), bytes(0x0d), bytes(0x0a, 0x0d, 0x0a));

    static String text(SplittableRandom r) {
        return TEXTS.get(r.nextInt(TEXTS.size()));
    }

    static String string(SplittableRandom r) {
        return STRINGS.get(r.nextInt(STRINGS.size()));
    }

    static byte[] badBytes(SplittableRandom r) {
        return BAD_UTF8.get(r.nextInt(BAD_UTF8.size()));
    }

    /** A resident's text bent a little (kept mostly readable, so the conversation has something to do) or a nasty string. */
    static String value(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> text(r);
            case 2 -> text(r) + string(r);
            case 3 -> string(r) + text(r) + string(r);
            case 4 -> string(r);
            default -> mix(r);
        };
    }

    /** Random code points from everywhere in Unicode, surrogates and controls included. */
    static String mix(SplittableRandom r) {
        int n = 1 + r.nextInt(40);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append((char) (0xd800 + r.nextInt(0x800)));
                case 2 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000 - 0x10000));
                case 3 -> b.append((char) (0x20 + r.nextInt(0x5f)));
                default -> b.append((char) r.nextInt(0x10000));
            }
        }
        return b.toString();
    }

    /** A long string: kilobytes to beyond the service's 1 MB request limit (counted in UTF-8 bytes, roughly). */
    static String huge(SplittableRandom r) {
        int[] sizes = {4_000, 70_000, 200_001, 600_000, 1_048_000, 1_100_000, 2_500_000};
        int size = sizes[r.nextInt(sizes.length)];
        String unit = switch (r.nextInt(4)) {
            case 0 -> "x";
            case 1 -> "thẻ cư trú ";
            case 2 -> "😀";
            default -> "how do I get the mobile residence card? ";
        };
        int bytesPerUnit = unit.getBytes(StandardCharsets.UTF_8).length;
        return unit.repeat(Math.max(1, size / bytesPerUnit));
    }

    /** Raw JSON numbers out of every range (some are not JSON at all). */
    static final List<String> NUMBERS = List.of("1e400", "-1e400", "1E-400", "99999999999999999999999999999", "-9223372036854775809",
            "9223372036854775808", "18446744073709551616", "2147483648", "-2147483649", "1.7976931348623157e309", "0.1", "-0", "-0.0",
            "1.0", "4.9e-325", "NaN", "Infinity", "-Infinity", "0x10", "00012", "+1", "1.", ".5", "1e", "--1", "1_000");

    static String number(SplittableRandom r) {
        return NUMBERS.get(r.nextInt(NUMBERS.size()));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
