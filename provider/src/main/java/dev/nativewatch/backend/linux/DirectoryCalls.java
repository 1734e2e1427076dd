package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library function that lists a directory in a few calls, bound by JNA direct mapping. Kept apart from
 * {@link LibC} because {@code getdents64} is only exported by glibc 2.30 and later: where it is missing, loading this
 * class fails and listings go through NIO instead, while the rest of the backend works.
 */
final class DirectoryCalls {

    static {
        Native.register(DirectoryCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private DirectoryCalls() {
    }

    /** {@code ssize_t getdents64(int fd, void *dirp, size_t count);} (the backend runs on 64-bit JVMs only). */
    static native long getdents64(int fd, Pointer dirp, long count);
}
