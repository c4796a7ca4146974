package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ByteArrayImageInputStreamTest {

    @Test
    void readsSeeksAndNotesAReadPastTheEnd() throws Exception {
        ByteArrayImageInputStream in = new ByteArrayImageInputStream(new byte[] {1, 2, 3, 4}, Deadline.none());
        byte[] two = new byte[2];
        assertEquals(2, in.read(two, 0, 2));
        assertArrayEquals(new byte[] {1, 2}, two);
        in.seek(3);
        assertEquals(4, in.read());
        assertFalse(in.readPastEnd(), "reading the last byte is not reading past the end");
        assertEquals(-1, in.read());
        assertTrue(in.readPastEnd());
        assertEquals(4, in.length());
    }

    @Test
    void everyReadFailsOnceTheDeadlineHasPassed() throws Exception {
        AtomicLong clock = new AtomicLong(0);
        ByteArrayImageInputStream in = new ByteArrayImageInputStream(new byte[1 << 16], Deadline.at(100, clock::get));
        assertEquals(16, in.read(new byte[16], 0, 16));
        clock.set(101);
        assertThrows(ByteArrayImageInputStream.DeadlinePassed.class, () -> in.read(new byte[16], 0, 16));
        // single-byte reads look at the clock every few thousand bytes, not every byte
        assertThrows(ByteArrayImageInputStream.DeadlinePassed.class, () -> {
            for (int i = 0; i < (1 << 15); i++) {
                in.read();
            }
        });
    }
}
