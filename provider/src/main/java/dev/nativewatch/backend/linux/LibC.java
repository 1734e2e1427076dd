package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library functions the inotify backend calls, bound by JNA direct mapping (no proxy, no reflection per
 * call). Loading this class loads libc; it fails with a {@link LinkageError} where JNA or a function is missing.
 * Functions return -1 on failure and leave errno, which {@link Native#getLastError()} reads right after the call.
 *
 * <p>{@code size_t}, {@code ssize_t} and {@code nfds_t} are declared as Java {@code long}, which direct mapping
 * passes as a 64-bit integer with no conversion. {@code NativeLong} would fit 32-bit platforms too, but JNA
 * converts it reflectively on every call, on the path of every event; these declarations are right only where
 * those types are 64 bits wide, so {@link Inotify} reports the backend unavailable on any other JVM
 * ({@link #HAS_64_BIT_SIZES}).
 */
final class LibC {

    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /** {@code O_NONBLOCK}, which is also {@code IN_NONBLOCK} and {@code EFD_NONBLOCK}; it differs by architecture. */
    static final int O_NONBLOCK = Platform.isMIPS() ? 0x80 : Platform.isSPARC() ? 0x4000 : 0x800;
    /** {@code O_CLOEXEC}, which is also {@code IN_CLOEXEC} and {@code EFD_CLOEXEC}. */
    static final int O_CLOEXEC = Platform.isSPARC() ? 0x40_0000 : 0x8_0000;

    /** {@code AT_FDCWD}: {@link #openat} resolves a relative path against the working directory. */
    static final int AT_FDCWD = -100;
    /** {@code O_DIRECTORY}: on a path that is no longer a directory (a pipe, say), fail instead of blocking. */
    static final int O_DIRECTORY = Platform.isARM() || Platform.isPPC() ? 0x4000 : 0x1_0000;
    /** {@code O_NOFOLLOW}: fail on a symbolic link instead of following it. */
    static final int O_NOFOLLOW = Platform.isARM() || Platform.isPPC() ? 0x8000 : 0x2_0000;

    // struct pollfd { int fd; short events; short revents; };  8 bytes
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_EVENTS = 4;
    static final int POLLFD_REVENTS = 6;
    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    /** Whether {@code size_t} and {@code long} are 64 bits wide, as the declarations below assume. */
    static final boolean HAS_64_BIT_SIZES = Native.SIZE_T_SIZE == Long.BYTES && Native.LONG_SIZE == Long.BYTES;

    private LibC() {
    }

    /** {@code int inotify_init1(int flags);} */
    static native int inotify_init1(int flags);

    /** {@code int inotify_add_watch(int fd, const char *pathname, uint32_t mask);} */
    static native int inotify_add_watch(int fd, byte[] pathname, int mask);

    /** {@code int inotify_rm_watch(int fd, int wd);} */
    static native int inotify_rm_watch(int fd, int wd);

    /** {@code int eventfd(unsigned int initval, int flags);} */
    static native int eventfd(int initval, int flags);

    /**
     * {@code ssize_t read(int fd, void *buf, size_t count);} with the buffer's address as a number, which JNA passes
     * as it is: a direct buffer costs it a call back into Java for the buffer's position on every read, a
     * {@link Pointer} a native call and an object to make it.
     */
    static native long read(int fd, long buf, long count);

    /** {@code ssize_t write(int fd, const void *buf, size_t count);} */
    static native long write(int fd, Pointer buf, long count);

    /**
     * {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout);} where {@code nfds_t} is unsigned long, the
     * array given by its address as {@link #read} is.
     */
    static native int poll(long fds, long nfds, int timeout);

    /** {@code int openat(int dirfd, const char *pathname, int flags);} */
    static native int openat(int dirfd, byte[] pathname, int flags);

    /** {@code O_PATH}: a descriptor that only names a file, for {@link #fchdir} back to it. */
    static final int O_PATH = Platform.isSPARC() ? 0x100_0000 : 0x20_0000;
    /** {@code CLONE_FS}: the working directory, root and umask a thread shares with the rest of its process. */
    static final int CLONE_FS = 0x200;

    /** {@code int unshare(int flags);} */
    static native int unshare(int flags);

    /** {@code int fchdir(int fd);} */
    static native int fchdir(int fd);

    /** {@code FIONREAD}: how many bytes a descriptor has ready to read; it differs by architecture. */
    static final long FIONREAD = Platform.isPPC() || Platform.isSPARC() ? 0x4004_667FL : Platform.isMIPS() ? 0x467FL
            : 0x541BL;

    /** {@code int ioctl(int fd, unsigned long request, int *value);} */
    static native int ioctl(int fd, long request, int[] value);

    /** {@code int close(int fd);} */
    static native int close(int fd);

    /** {@code ssize_t lgetxattr(const char *path, const char *name, void *value, size_t size);} */
    static native long lgetxattr(byte[] path, String name, Pointer value, long size);

    /** {@code char *strerror(int errnum);} */
    static native String strerror(int errnum);
}
