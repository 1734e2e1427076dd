package dev.nativewatch.backend.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * Decodes what a {@code read} of an inotify descriptor returned: a sequence of variable-length records, in the
 * machine's byte order.
 *
 * <pre>
 * struct inotify_event {
 *     int      wd;       // offset  0: watch descriptor
 *     uint32_t mask;     // offset  4: event bits
 *     uint32_t cookie;   // offset  8: pairs IN_MOVED_FROM with IN_MOVED_TO
 *     uint32_t len;      // offset 12: size of name[], including its NUL and any padding
 *     char     name[];   // offset 16: NUL-terminated, padded with NULs; absent when len is 0
 * };
 * </pre>
 *
 * The kernel only ever returns whole records. A buffer that does not decode cleanly (a record cut short, a length
 * running past the end, a name with no NUL, a child event without a name) means the stream can no longer be
 * trusted: decoding stops there and the caller treats it as an overflow. Nothing here throws on bad input.
 */
final class InotifyEventDecoder {

    static final int HEADER_BYTES = 16;

    /** Events that always name an entry of the watched directory; without a name they are malformed. */
    private static final int CHILD_ONLY = InotifyApi.IN_CREATE | InotifyApi.IN_DELETE | InotifyApi.IN_MOVED_FROM
            | InotifyApi.IN_MOVED_TO;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private InotifyEventDecoder() {
    }

    /**
     * Decodes the bytes between the buffer's position and its limit, handing each event to {@code consumer} in
     * order. The buffer's position is left after the last well-formed record.
     *
     * @return true if every byte was decoded, false if decoding stopped at a malformed record
     */
    static boolean decode(ByteBuffer buffer, Charset charset, Consumer<InotifyEvent> consumer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        int decoded = decode(bytes, bytes.length, charset, consumer);
        buffer.position(buffer.position() + decoded);
        return decoded == bytes.length;
    }

    /**
     * Decodes the first {@code length} bytes of {@code bytes}, as {@link #decode(ByteBuffer, Charset, Consumer)}
     * does. The records are read from a Java array rather than through a buffer: on a watcher that sees few events
     * this runs interpreted, where each buffer access is a chain of calls and an array access is one instruction.
     *
     * @return the offset after the last well-formed record: {@code length} if every byte was decoded
     */
    static int decode(byte[] bytes, int length, Charset charset, Consumer<InotifyEvent> consumer) {
        int at = 0;
        while (at < length) {
            if (length - at < HEADER_BYTES) {
                return at;
            }
            int mask = intAt(bytes, at + 4);
            int len = intAt(bytes, at + 12);
            int nameStart = at + HEADER_BYTES;
            if (len < 0 || len > length - nameStart) {
                return at;
            }
            String name = null;
            if (len > 0) {
                int end = nameStart;
                while (end < nameStart + len && bytes[end] != 0) {
                    end++;
                }
                if (end == nameStart || end == nameStart + len) {
                    return at; // an empty name, or no NUL at all
                }
                name = new String(bytes, nameStart, end - nameStart, charset);
            } else if ((mask & CHILD_ONLY) != 0) {
                return at;
            }
            consumer.accept(new InotifyEvent(intAt(bytes, at), mask, intAt(bytes, at + 8), name));
            at = nameStart + len;
        }
        return at;
    }

    /** @return the int at {@code at}, in the machine's byte order */
    private static int intAt(byte[] bytes, int at) {
        int b0 = bytes[at] & 0xFF;
        int b1 = bytes[at + 1] & 0xFF;
        int b2 = bytes[at + 2] & 0xFF;
        int b3 = bytes[at + 3] & 0xFF;
        return LITTLE_ENDIAN ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b3 | b2 << 8 | b1 << 16 | b0 << 24;
    }
}
