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

    private InotifyEventDecoder() {
    }

    /**
     * Decodes the bytes between the buffer's position and its limit, handing each event to {@code consumer} in
     * order. The buffer's position is left after the last well-formed record.
     *
     * @return true if every byte was decoded, false if decoding stopped at a malformed record
     */
    static boolean decode(ByteBuffer buffer, Charset charset, Consumer<InotifyEvent> consumer) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        while (in.hasRemaining()) {
            int start = in.position();
            if (in.remaining() < HEADER_BYTES) {
                return false;
            }
            int wd = in.getInt();
            int mask = in.getInt();
            int cookie = in.getInt();
            int len = in.getInt();
            if (len < 0 || len > in.remaining()) {
                buffer.position(start);
                return false;
            }
            String name = null;
            if (len > 0) {
                int nameStart = in.position();
                int nul = indexOfNul(in, nameStart, nameStart + len);
                if (nul <= nameStart) {
                    buffer.position(start);
                    return false; // no NUL at all, or an empty name
                }
                byte[] bytes = new byte[nul - nameStart];
                in.get(nameStart, bytes);
                name = new String(bytes, charset);
                in.position(nameStart + len);
            } else if ((mask & CHILD_ONLY) != 0) {
                buffer.position(start);
                return false;
            }
            consumer.accept(new InotifyEvent(wd, mask, cookie, name));
            buffer.position(in.position());
        }
        return true;
    }

    /** @return the index of the first NUL in [from, to), or -1 */
    private static int indexOfNul(ByteBuffer in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.get(i) == 0) {
                return i;
            }
        }
        return -1;
    }
}
