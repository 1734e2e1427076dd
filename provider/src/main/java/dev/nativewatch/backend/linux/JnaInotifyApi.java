package dev.nativewatch.backend.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** The production {@link InotifyApi}: the real system calls through {@link LibC}. Stateless and thread-safe. */
final class JnaInotifyApi implements InotifyApi {

    /** The one instance; creating it loads libc through JNA, which may fail with a {@link LinkageError}. */
    static final JnaInotifyApi INSTANCE = new JnaInotifyApi();

    private static final String POSIX_ACL_ACCESS = "system.posix_acl_access";
    private static final int ACL_BUFFER_BYTES = 512;
    private static final int ERANGE = 34;

    private JnaInotifyApi() {
        // Forces LibC's registration now, so that a missing library fails here and not at the first call.
        LibC.strerror(0);
    }

    @Override
    public int inotifyInit() throws InotifyException {
        int fd = LibC.inotify_init1(LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw failure("inotify_init1", null, Native.getLastError());
        }
        return fd;
    }

    @Override
    public int addWatch(int fd, Path path, int mask) throws InotifyException {
        int wd = LibC.inotify_add_watch(fd, FileNames.toCString(path), mask);
        if (wd < 0) {
            throw failure("inotify_add_watch", path.toString(), Native.getLastError());
        }
        return wd;
    }

    @Override
    public void removeWatch(int fd, int wd) throws InotifyException {
        if (LibC.inotify_rm_watch(fd, wd) < 0) {
            throw failure("inotify_rm_watch", null, Native.getLastError());
        }
    }

    @Override
    public int eventFd() throws InotifyException {
        int fd = LibC.eventfd(0, LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw failure("eventfd", null, Native.getLastError());
        }
        return fd;
    }

    @Override
    public void signal(int eventFd) throws InotifyException {
        try (Memory one = new Memory(Long.BYTES)) {
            one.setLong(0, 1);
            while (LibC.write(eventFd, one, new NativeLong(Long.BYTES)).longValue() < 0) {
                int errno = Native.getLastError();
                if (errno == EAGAIN) {
                    return; // The counter is at its maximum: the descriptor is readable already.
                }
                if (errno != EINTR) {
                    throw failure("write", "eventfd", errno);
                }
            }
        }
    }

    @Override
    public int read(int fd, ByteBuffer direct) throws InotifyException {
        Pointer address = Native.getDirectBufferPointer(direct);
        NativeLong capacity = new NativeLong(direct.capacity());
        while (true) {
            long count = LibC.read(fd, address, capacity).longValue();
            if (count >= 0) {
                return (int) count;
            }
            int errno = Native.getLastError();
            if (errno == EAGAIN) {
                return -1;
            }
            if (errno != EINTR) {
                throw failure("read", null, errno);
            }
        }
    }

    @Override
    public int poll(int inotifyFd, int wakeupFd, int timeoutMillis) throws InotifyException {
        try (Memory fds = new Memory(2L * LibC.POLLFD_SIZE)) {
            fds.clear();
            fds.setInt(0, inotifyFd);
            fds.setShort(LibC.POLLFD_EVENTS, LibC.POLLIN);
            fds.setInt(LibC.POLLFD_SIZE, wakeupFd);
            fds.setShort(LibC.POLLFD_SIZE + LibC.POLLFD_EVENTS, LibC.POLLIN);
            if (LibC.poll(fds, new NativeLong(2), timeoutMillis) < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    return 0;
                }
                throw failure("poll", null, errno);
            }
            short inotify = fds.getShort(LibC.POLLFD_REVENTS);
            short wakeup = fds.getShort(LibC.POLLFD_SIZE + LibC.POLLFD_REVENTS);
            if (((inotify | wakeup) & LibC.POLLNVAL) != 0) {
                throw failure("poll", "a closed descriptor", EBADF);
            }
            short readable = LibC.POLLIN | LibC.POLLERR | LibC.POLLHUP;
            return ((inotify & readable) != 0 ? READY_INOTIFY : 0) | ((wakeup & readable) != 0 ? READY_WAKEUP : 0);
        }
    }

    @Override
    public void close(int fd) throws InotifyException {
        // Linux releases the descriptor even when close fails with EINTR, so it is never retried.
        if (LibC.close(fd) < 0) {
            throw failure("close", null, Native.getLastError());
        }
    }

    @Override
    public void listDirectory(Path dir, ByteBuffer direct, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        DirectoryLister.list(dir, direct, everyEntry, visitor);
    }

    @Override
    public byte[] accessAcl(Path path) {
        byte[] cPath = FileNames.toCString(path);
        try (Memory value = new Memory(ACL_BUFFER_BYTES)) {
            long size = LibC.lgetxattr(cPath, POSIX_ACL_ACCESS, value, new NativeLong(ACL_BUFFER_BYTES)).longValue();
            if (size >= 0) {
                return value.getByteArray(0, (int) size);
            }
            if (Native.getLastError() != ERANGE) {
                return null; // ENODATA (no ACL), ENOTSUP (none on this file system), or the entry is gone
            }
        }
        long needed = LibC.lgetxattr(cPath, POSIX_ACL_ACCESS, null, new NativeLong(0)).longValue();
        if (needed <= 0) {
            return null;
        }
        try (Memory value = new Memory(needed)) {
            long size = LibC.lgetxattr(cPath, POSIX_ACL_ACCESS, value, new NativeLong(needed)).longValue();
            return size < 0 ? null : value.getByteArray(0, (int) size);
        }
    }

    private static InotifyException failure(String syscall, String subject, int errno) {
        return new InotifyException(syscall, subject, errno, describe(errno));
    }

    /** @return the C library's text for an errno value */
    static String describe(int errno) {
        String text = LibC.strerror(errno);
        return text == null ? "error " + errno : text;
    }
}
