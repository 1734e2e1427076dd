package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library functions that list a directory in a few calls, bound by JNA direct mapping. Kept apart from
 * {@link LibC} because {@code getdents64} is only exported by glibc 2.30 and later: where it is missing, loading this
 * class fails and listings go through NIO instead, while the rest of the backend works.
 */
final class DirectoryCalls {

    static {
        Native.register(DirectoryCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /** {@code O_DIRECTORY}: on a path that is no longer a directory (a pipe, say), fail instead of blocking. */
    static final int O_DIRECTORY = Platform.isARM() || Platform.isPPC() ? 0x4000 : 0x1_0000;

    private DirectoryCalls() {
    }

    /** {@code int open(const char *pathname, int flags);} */
    static native int open(byte[] pathname, int flags);

    /** {@code ssize_t getdents64(int fd, void *dirp, size_t count);} (the backend runs on 64-bit JVMs only). */
    static native long getdents64(int fd, Pointer dirp, long count);
}
