package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBufferTest {

    @Test
    void encodesLikeStringGetBytes() {
        String[] samples = {"", "/images/small/cat%20one.jpg?exp=1", "chat-été", "€ and 中文", "emoji 😀 end",
                "lone \uD800 high", "lone \uDC00 low", "ends high \uD83D", "\u0000\u007F\u0080\u07FF\u0800\uFFFF"};
        for (String sample : samples) {
            assertArrayEquals(sample.getBytes(StandardCharsets.UTF_8), MessageBuffer.empty().append(sample).toByteArray(), sample);
        }
    }

    @Test
    void appendsRangesAndCharacters() {
        byte[] bytes = MessageBuffer.empty().append("xx/a.jpgyy", 2, 8).append('?').append("exp=1").toByteArray();
        assertArrayEquals("/a.jpg?exp=1".getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void growsForLongMessagesAndStartsEmptyAgain() {
        String longPath = "/" + "a".repeat(20_000) + "é";
        assertArrayEquals(longPath.getBytes(StandardCharsets.UTF_8), MessageBuffer.empty().append(longPath).toByteArray());
        assertArrayEquals("/b".getBytes(StandardCharsets.UTF_8), MessageBuffer.empty().append("/b").toByteArray());
    }
}
