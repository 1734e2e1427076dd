package dev.nativewatch.backend.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.function.BiConsumer;

/**
 * Decodes what a {@code getdents64} call returned: a sequence of variable-length records, in the machine's byte
 * order, the same on every Linux architecture.
 *
 * <pre>
 * struct linux_dirent64 {
 *     uint64_t       d_ino;     // offset  0
 *     int64_t        d_off;     // offset  8
 *     unsigned short d_reclen;  // offset 16: size of this record, padding included
 *     unsigned char  d_type;    // offset 18: DT_DIR, DT_REG, ..., or DT_UNKNOWN
 *     char           d_name[];  // offset 19: NUL-terminated
 * };
 * </pre>
 *
 * The entries {@code .} and {@code ..} are left out. Names become strings only for the entries the caller wants,
 * so that walking a tree of directories does not decode the name of every file in it.
 */
final class DirentDecoder {

    private static final int RECLEN_OFFSET = 16;
    private static final int TYPE_OFFSET = 18;
    private static final int NAME_OFFSET = 19;

    private DirentDecoder() {
    }

    /**
     * Decodes the records between the buffer's position and its limit; the buffer itself is left alone.
     *
     * @param everyEntry hand over every entry; if false, only those that {@linkplain EntryKind#mayBeDirectory may
     *                   be directories}
     * @throws InotifyException if a record runs past the end or has no name: the kernel never returns one, so the
     *                          buffer cannot be trusted
     */
    static void decode(ByteBuffer buffer, Charset charset, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws InotifyException {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        int position = in.position();
        int limit = in.limit();
        while (position < limit) {
            if (limit - position < NAME_OFFSET + 1) {
                throw malformed(position);
            }
            int length = Short.toUnsignedInt(in.getShort(position + RECLEN_OFFSET));
            if (length < NAME_OFFSET + 1 || length > limit - position) {
                throw malformed(position);
            }
            EntryKind kind = EntryKind.ofDirentType(Byte.toUnsignedInt(in.get(position + TYPE_OFFSET)));
            if (everyEntry || kind.mayBeDirectory()) {
                int nameStart = position + NAME_OFFSET;
                int nameEnd = indexOfNul(in, nameStart, position + length);
                if (nameEnd <= nameStart) {
                    throw malformed(position);
                }
                if (!isDotOrDotDot(in, nameStart, nameEnd)) {
                    byte[] name = new byte[nameEnd - nameStart];
                    in.get(nameStart, name);
                    visitor.accept(new String(name, charset), kind);
                }
            }
            position += length;
        }
    }

    private static boolean isDotOrDotDot(ByteBuffer in, int start, int end) {
        int length = end - start;
        return (length == 1 || length == 2) && in.get(start) == '.' && (length == 1 || in.get(start + 1) == '.');
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

    private static InotifyException malformed(int offset) {
        return new InotifyException("getdents64", null, InotifyApi.EINVAL,
                "a malformed directory entry at offset " + offset);
    }
}
