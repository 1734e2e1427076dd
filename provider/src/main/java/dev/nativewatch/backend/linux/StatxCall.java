package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import dev.nativewatch.backend.ListedEntry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code statx}, bound by JNA direct mapping, and the layout of what it returns. Unlike {@code struct stat}, whose
 * layout differs from one architecture to the next, {@code struct statx} is the same everywhere. Kept apart from
 * {@link LibC} because {@code statx} is only exported by glibc 2.28 and later: where it is missing, loading this
 * class fails, and the walk leaves reading entries to a scan, while the rest of the backend works.
 */
final class StatxCall {

    static {
        Native.register(StatxCall.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /** The size of {@code struct statx}. */
    static final int BUFFER_BYTES = 256;

    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** With an empty path: the file open at the descriptor itself. */
    static final int AT_EMPTY_PATH = 0x1000;
    static final byte[] EMPTY_PATH = {0};
    /** Everything {@code lstat} returns, and the birth time. */
    static final int STATX_BASIC_STATS_AND_BIRTH = 0xfff;

    private static final int STATX_BTIME = 0x800;

    private static final int S_IFMT = 0xf000;
    private static final int S_IFDIR = 0x4000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final int MASK = 0;
    private static final int UID = 20;
    private static final int GID = 24;
    private static final int MODE = 28;
    private static final int INO = 32;
    private static final int SIZE = 40;
    private static final int ATIME = 64;
    private static final int BTIME = 80;
    private static final int MTIME = 112;
    private static final int DEV_MAJOR = 136;
    private static final int DEV_MINOR = 140;

    private StatxCall() {
    }

    /** {@code int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf);} */
    static native int statx(int dirfd, byte[] pathname, int flags, int mask, long statxbuf);

    /** @return the entry {@code statx} wrote at the start of {@code buffer}, with the numbers the JDK reads */
    static ListedEntry decode(ByteBuffer buffer) {
        ByteBuffer in = buffer.order() == ByteOrder.nativeOrder()
                ? buffer : buffer.duplicate().order(ByteOrder.nativeOrder());
        int mode = Short.toUnsignedInt(in.getShort(MODE));
        boolean hasBirth = (in.getInt(MASK) & STATX_BTIME) != 0;
        return new ListedEntry((mode & S_IFMT) == S_IFDIR, deviceNumber(in.getInt(DEV_MAJOR), in.getInt(DEV_MINOR)),
                in.getLong(INO), mode, in.getInt(UID), in.getInt(GID), in.getLong(SIZE), nanos(in, MTIME),
                nanos(in, ATIME), hasBirth, hasBirth ? nanos(in, BTIME) : 0);
    }

    /** The C library's {@code makedev}, which is what {@code st_dev} holds. */
    static long deviceNumber(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
    }

    /** As the JDK's {@code FileTime} of the timestamp, in nanoseconds: clamped where it does not fit. */
    private static long nanos(ByteBuffer in, int at) {
        long seconds = in.getLong(at);
        long nanos = Integer.toUnsignedLong(in.getInt(at + Long.BYTES));
        try {
            return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
        } catch (ArithmeticException beyondTheYear2262) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
