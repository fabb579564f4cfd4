package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunksTest {

    @Test
    void keepsShortTextWhole() {
        assertEquals(List.of("hello"), TextChunks.split("hello", 10));
        assertEquals(List.of(""), TextChunks.split("", 10));
    }

    @Test
    void splitsAtLineBreaksThenSpaces() {
        assertEquals(List.of("first line", "second line"), TextChunks.split("first line\nsecond line", 12));
        assertEquals(List.of("one two", "three"), TextChunks.split("one two three", 9));
    }

    @Test
    void neverCutsASurrogatePair() {
        String text = "a".repeat(9) + "😀" + "b".repeat(5);
        List<String> parts = TextChunks.split(text, 10);
        assertEquals(text, String.join("", parts));
        for (String part : parts) {
            assertTrue(part.length() <= 10);
            assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)));
        }
    }

    @Test
    void everyPartFitsAndNothingIsLost() {
        String text = ("Мобильная карта иностранца — это цифровая версия карты. ").repeat(200);
        List<String> parts = TextChunks.split(text, 4096);
        assertTrue(parts.size() > 1);
        parts.forEach(p -> assertTrue(p.length() <= 4096));
        assertEquals(text.replace(" ", "").length(), String.join("", parts).replace(" ", "").length());
    }
}
