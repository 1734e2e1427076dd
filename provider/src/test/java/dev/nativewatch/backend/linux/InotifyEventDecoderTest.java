package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.nativewatch.backend.linux.InotifyApi.IN_ATTRIB;
import static dev.nativewatch.backend.linux.InotifyApi.IN_CREATE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_IGNORED;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ISDIR;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_FROM;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_TO;
import static dev.nativewatch.backend.linux.InotifyApi.IN_Q_OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder on hand-built buffers laid out as the kernel lays out {@code struct inotify_event}. */
class InotifyEventDecoderTest {

    private final List<InotifyEvent> decoded = new ArrayList<>();

    @Test
    void decodesEventsWithPaddedNamesAndWithout() {
        ByteBuffer buffer = events(
                event(1, IN_CREATE, 0, "a.txt", 16),
                event(1, IN_ATTRIB, 0, null, 0),
                event(2, IN_CREATE | IN_ISDIR, 0, "subdirectory-with-a-long-name", 32),
                event(2, IN_IGNORED, 0, null, 0));

        assertTrue(decode(buffer));

        assertEquals(List.of(
                new InotifyEvent(1, IN_CREATE, 0, "a.txt"),
                new InotifyEvent(1, IN_ATTRIB, 0, null),
                new InotifyEvent(2, IN_CREATE | IN_ISDIR, 0, "subdirectory-with-a-long-name"),
                new InotifyEvent(2, IN_IGNORED, 0, null)), decoded);
        assertFalse(buffer.hasRemaining());
    }

    @Test
    void keepsRenameCookiesAndTheOverflowEvent() {
        assertTrue(decode(events(
                event(3, IN_MOVED_FROM, 77, "old", 16),
                event(4, IN_MOVED_TO, 77, "new", 16),
                event(-1, IN_Q_OVERFLOW, 0, null, 0))));

        assertEquals(List.of(
                new InotifyEvent(3, IN_MOVED_FROM, 77, "old"),
                new InotifyEvent(4, IN_MOVED_TO, 77, "new"),
                new InotifyEvent(-1, IN_Q_OVERFLOW, 0, null)), decoded);
    }

    @Test
    void decodesNamesWithTheFileNameCharset() {
        String name = "gr\u00fc\u00dfe-\u65e5\u672c";
        assertTrue(decode(events(event(1, IN_CREATE, 0, name, 32))));
        assertEquals(name, decoded.get(0).name());
    }

    @Test
    void anEmptyBufferHoldsNoEvents() {
        assertTrue(decode(ByteBuffer.allocate(0)));
        assertTrue(decoded.isEmpty());
    }

    @Test
    void aLengthPastTheEndStopsDecodingAfterTheGoodEvents() {
        byte[] good = event(1, IN_CREATE, 0, "kept", 16);
        byte[] bad = event(1, IN_CREATE, 0, "cut", 16);
        ByteBuffer buffer = events(good, bad);
        buffer.order(ByteOrder.nativeOrder()).putInt(good.length + 12, 64);

        assertFalse(decode(buffer));

        assertEquals(List.of(new InotifyEvent(1, IN_CREATE, 0, "kept")), decoded);
        assertEquals(good.length, buffer.position());
    }

    @Test
    void aLengthThatIsNegativeAsAnIntIsMalformed() {
        ByteBuffer buffer = events(event(1, IN_CREATE, 0, "x", 16));
        buffer.order(ByteOrder.nativeOrder()).putInt(12, 0x8000_0010);
        assertFalse(decode(buffer));
        assertTrue(decoded.isEmpty());
    }

    @Test
    void aHeaderCutShortIsMalformed() {
        byte[] whole = event(1, IN_CREATE, 0, "a", 16);
        ByteBuffer buffer = events(whole, new byte[] {1, 0, 0, 0, 0, 1, 0});
        assertFalse(decode(buffer));
        assertEquals(1, decoded.size());
    }

    @Test
    void aChildEventWithZeroLengthIsMalformed() {
        assertFalse(decode(events(event(1, IN_CREATE, 0, null, 0), event(1, IN_CREATE, 0, "after", 16))));
        assertTrue(decoded.isEmpty());
    }

    @Test
    void aNameWithoutItsNulIsMalformed() {
        byte[] noNul = event(1, IN_CREATE, 0, "abcdefghijklmnop", 16); // 16 name bytes in a 16-byte field
        assertFalse(decode(events(event(1, IN_CREATE, 0, "first", 16), noNul)));
        assertEquals(List.of(new InotifyEvent(1, IN_CREATE, 0, "first")), decoded);
    }

    @Test
    void aNameFieldOfNulsOnlyIsMalformed() {
        assertFalse(decode(events(event(1, IN_CREATE, 0, "", 16))));
        assertTrue(decoded.isEmpty());
    }

    @Test
    void decodingStartsAtThePositionAndStopsAtTheLimit() {
        byte[] first = event(1, IN_CREATE, 0, "one", 16);
        byte[] second = event(1, IN_CREATE, 0, "two", 16);
        ByteBuffer buffer = events(first, second, new byte[8]);
        buffer.position(first.length).limit(first.length + second.length);

        assertTrue(decode(buffer));

        assertEquals(List.of(new InotifyEvent(1, IN_CREATE, 0, "two")), decoded);
    }

    private boolean decode(ByteBuffer buffer) {
        return InotifyEventDecoder.decode(buffer, StandardCharsets.UTF_8, decoded::add);
    }

    /** One record; {@code len} is the name field's size, NUL and padding included (the name is cut to fit). */
    private static byte[] event(int wd, int mask, int cookie, String name, int len) {
        ByteBuffer record = ByteBuffer.allocate(InotifyEventDecoder.HEADER_BYTES + len).order(ByteOrder.nativeOrder());
        record.putInt(wd).putInt(mask).putInt(cookie).putInt(len);
        if (name != null) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            record.put(bytes, 0, Math.min(bytes.length, len));
        }
        return record.array();
    }

    private static ByteBuffer events(byte[]... records) {
        int size = 0;
        for (byte[] record : records) {
            size += record.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] record : records) {
            buffer.put(record);
        }
        return buffer.flip();
    }
}
