package dev.nativewatch.backend.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.nativewatch.backend.ListedEntry;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The production {@link InotifyApi}: the real system calls through {@link LibC}. Thread-safe; its state is one
 * constant buffer and, per thread that watches open directories, what {@link ThreadDirectory} keeps. A
 * {@link JnaPollSet} holds what one engine's waits reuse.
 */
final class JnaInotifyApi implements InotifyApi {

    /** The one instance; creating it loads libc through JNA, which may fail with a {@link LinkageError}. */
    static final JnaInotifyApi INSTANCE = new JnaInotifyApi();

    private static final String POSIX_ACL_ACCESS = "system.posix_acl_access";
    private static final int ACL_BUFFER_BYTES = 512;
    private static final int ERANGE = 34;

    /**
     * What {@link #signal} writes: the eventfd counter's increment, in native memory made once. Writes only read
     * it, so threads signalling different engines at once can share it.
     */
    private static final Memory ONE = new Memory(Long.BYTES);

    static {
        ONE.setLong(0, 1);
    }

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
    public int addWatch(int fd, NativePath path, int mask) throws InotifyException {
        int wd = LibC.inotify_add_watch(fd, path.cString(), mask);
        if (wd < 0) {
            throw failure("inotify_add_watch", path.toString(), Native.getLastError());
        }
        return wd;
    }

    @Override
    public int addWatchOnOpen(int fd, int dirFd, int mask) throws InotifyException {
        int wd = ThreadDirectory.addWatchInside(fd, dirFd, mask);
        if (wd == ThreadDirectory.NOT_ENTERED) {
            return addWatch(fd, NativePath.ofDescriptor(dirFd), mask);
        }
        if (wd < 0) {
            throw failure("inotify_add_watch", "the directory open at descriptor " + dirFd, -wd);
        }
        return wd;
    }

    @Override
    public void releaseCallingThread() {
        ThreadDirectory.release();
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
        while (LibC.write(eventFd, ONE, Long.BYTES) < 0) {
            int errno = Native.getLastError();
            if (errno == EAGAIN) {
                return; // The counter is at its maximum: the descriptor is readable already.
            }
            if (errno != EINTR) {
                throw failure("write", "eventfd", errno);
            }
        }
    }

    @Override
    public int read(int fd, ByteBuffer direct) throws InotifyException {
        return read(fd, Pointer.nativeValue(Native.getDirectBufferPointer(direct)), direct.capacity());
    }

    /** The buffer's address is found once, not on every read. */
    @Override
    public Reader reader(int fd, ByteBuffer direct) {
        Pointer memory = Native.getDirectBufferPointer(direct);
        return new DirectReader(fd, direct, memory, Pointer.nativeValue(memory));
    }

    /**
     * Holds the buffer, so that its memory is not freed while the reader can still read into it; copies out of it
     * through its {@link Pointer}, one native call, where the buffer's own bulk get is a chain of calls.
     */
    private record DirectReader(int fd, ByteBuffer buffer, Pointer memory, long address) implements Reader {
        @Override
        public int read() throws InotifyException {
            try {
                return JnaInotifyApi.read(fd, address, buffer.capacity());
            } finally {
                Reference.reachabilityFence(buffer);
            }
        }

        @Override
        public byte[] bytes(int count) {
            try {
                return memory.getByteArray(0, count);
            } finally {
                Reference.reachabilityFence(buffer);
            }
        }
    }

    private static int read(int fd, long address, long capacity) throws InotifyException {
        while (true) {
            long count = LibC.read(fd, address, capacity);
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
    public int queuedBytes(int fd) throws InotifyException {
        int[] count = new int[1];
        if (LibC.ioctl(fd, LibC.FIONREAD, count) < 0) {
            throw failure("ioctl(FIONREAD)", null, Native.getLastError());
        }
        return count[0];
    }

    @Override
    public PollSet pollSet(int inotifyFd, int wakeupFd) {
        return new JnaPollSet(inotifyFd, wakeupFd);
    }

    @Override
    public void close(int fd) throws InotifyException {
        // Linux releases the descriptor even when close fails with EINTR, so it is never retried.
        if (LibC.close(fd) < 0) {
            throw failure("close", null, Native.getLastError());
        }
    }

    @Override
    public int openDirectory(NativePath path) throws InotifyException {
        return openAt(LibC.AT_FDCWD, path.cString(), 0, path.toString());
    }

    @Override
    public int openSubdirectory(int parentFd, String name) throws InotifyException {
        byte[] bytes = name.getBytes(FileNames.KERNEL);
        return openAt(parentFd, Arrays.copyOf(bytes, bytes.length + 1), LibC.O_NOFOLLOW, name);
    }

    private static int openAt(int dirFd, byte[] cPath, int flags, String subject) throws InotifyException {
        while (true) {
            int fd = LibC.openat(dirFd, cPath, LibC.O_DIRECTORY | LibC.O_CLOEXEC | flags);
            if (fd >= 0) {
                return fd;
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw failure("openat", subject, errno);
            }
        }
    }

    @Override
    public void listDirectory(int fd, ByteBuffer direct, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        DirectoryLister.list(fd, direct, everyEntry, visitor);
    }

    @Override
    public ListedEntry statusOf(int dirFd, String name, ByteBuffer direct) throws InotifyException {
        return statx(dirFd, FileNames.toCString(name), StatxCall.AT_SYMLINK_NOFOLLOW, direct, name);
    }

    @Override
    public ListedEntry statusOfOpen(int fd, ByteBuffer direct) throws InotifyException {
        return statx(fd, StatxCall.EMPTY_PATH, StatxCall.AT_EMPTY_PATH, direct, "descriptor " + fd);
    }

    /** @return the status read, or null if the entry is gone */
    private static ListedEntry statx(int dirFd, byte[] cPath, int flags, ByteBuffer direct, String subject)
            throws InotifyException {
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(direct));
        while (true) {
            if (StatxCall.statx(dirFd, cPath, flags, StatxCall.STATX_BASIC_STATS_AND_BIRTH, address) == 0) {
                return StatxCall.decode(direct);
            }
            int errno = Native.getLastError();
            if (errno == ENOENT) {
                return null;
            }
            if (errno != EINTR) {
                throw failure("statx", subject, errno);
            }
        }
    }

    @Override
    public byte[] accessAcl(Path path) {
        byte[] cPath = FileNames.toCString(path);
        try (Memory value = new Memory(ACL_BUFFER_BYTES)) {
            long size = LibC.lgetxattr(cPath, POSIX_ACL_ACCESS, value, ACL_BUFFER_BYTES);
            if (size >= 0) {
                return value.getByteArray(0, (int) size);
            }
            if (Native.getLastError() != ERANGE) {
                return null; // ENODATA (no ACL), ENOTSUP (none on this file system), or the entry is gone
            }
        }
        long needed = LibC.lgetxattr(cPath, POSIX_ACL_ACCESS, null, 0);
        if (needed <= 0) {
            return null;
        }
        try (Memory value = new Memory(needed)) {
            long size = LibC.lgetxattr(cPath, POSIX_ACL_ACCESS, value, needed);
            return size < 0 ? null : value.getByteArray(0, (int) size);
        }
    }

    static InotifyException failure(String syscall, String subject, int errno) {
        return new InotifyException(syscall, subject, errno, describe(errno));
    }

    /** @return the C library's text for an errno value */
    static String describe(int errno) {
        String text = LibC.strerror(errno);
        return text == null ? "error " + errno : text;
    }
}
