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

    @Test
    void aBulkReadStopsAtTheNextBoundaryAndReadFullyStillGetsEverything() throws Exception {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteArrayImageInputStream in = new ByteArrayImageInputStream(data, Deadline.none(), new int[] {10, 11, 60});
        byte[] buffer = new byte[100];
        assertEquals(10, in.read(buffer, 0, 100), "up to the first boundary");
        assertEquals(1, in.read(buffer, 0, 100), "from a boundary to the next");
        assertEquals(49, in.read(buffer, 0, 100));
        assertEquals(40, in.read(buffer, 0, 100), "the rest");
        in.seek(5);
        byte[] all = new byte[95];
        in.readFully(all);
        assertEquals(99, all[94]);
        assertEquals(5, all[0]);
    }
}
