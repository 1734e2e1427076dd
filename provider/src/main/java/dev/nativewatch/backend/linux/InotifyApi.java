package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ListedEntry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The handful of Linux system calls the inotify engine makes, behind one narrow interface so that the engine can
 * be driven by a wrapper that injects failures or events in tests. {@link JnaInotifyApi} is the production
 * implementation. Every method reports a failed call as an {@link InotifyException} naming the call and errno.
 */
interface InotifyApi {

    // <sys/inotify.h>: events a watch can ask for.
    int IN_ACCESS = 0x0000_0001;
    int IN_MODIFY = 0x0000_0002;
    int IN_ATTRIB = 0x0000_0004;
    int IN_CLOSE_WRITE = 0x0000_0008;
    int IN_CLOSE_NOWRITE = 0x0000_0010;
    int IN_OPEN = 0x0000_0020;
    int IN_MOVED_FROM = 0x0000_0040;
    int IN_MOVED_TO = 0x0000_0080;
    int IN_CREATE = 0x0000_0100;
    int IN_DELETE = 0x0000_0200;
    int IN_DELETE_SELF = 0x0000_0400;
    int IN_MOVE_SELF = 0x0000_0800;

    // Events the kernel sends whatever the mask.
    int IN_UNMOUNT = 0x0000_2000;
    int IN_Q_OVERFLOW = 0x0000_4000;
    int IN_IGNORED = 0x0000_8000;

    // Flags of inotify_add_watch.
    int IN_ONLYDIR = 0x0100_0000;
    int IN_DONT_FOLLOW = 0x0200_0000;
    int IN_MASK_ADD = 0x2000_0000;

    /** Set in an event's mask when the entry it names is a directory. */
    int IN_ISDIR = 0x4000_0000;

    // <errno.h>: the values below are the same on every Linux architecture.
    int ENOENT = 2;
    int EINTR = 4;
    int EBADF = 9;
    int EAGAIN = 11;
    int EACCES = 13;
    int ENOTDIR = 20;
    int EINVAL = 22;
    int ENFILE = 23;
    int EMFILE = 24;
    int ENOSPC = 28;
    int ELOOP = 40;

    /** {@code poll} result bit: the inotify descriptor has events to read. */
    int READY_INOTIFY = 1;
    /** {@code poll} result bit: the wakeup descriptor was written to. */
    int READY_WAKEUP = 2;

    /** {@code inotify_init1(IN_NONBLOCK | IN_CLOEXEC)}. @return the new inotify descriptor */
    int inotifyInit() throws InotifyException;

    /** {@code inotify_add_watch(fd, path, mask)}. @return the watch descriptor */
    int addWatch(int fd, NativePath path, int mask) throws InotifyException;

    /**
     * {@code inotify_add_watch} on the directory open at {@code dirFd}: that directory itself, wherever it has been
     * moved since it was opened.
     *
     * @return the watch descriptor
     */
    int addWatchOnOpen(int fd, int dirFd, int mask) throws InotifyException;

    /** Releases what {@link #addWatchOnOpen} keeps for the calling thread; the next call keeps it again. */
    void releaseCallingThread();

    /** {@code inotify_rm_watch(fd, wd)}. */
    void removeWatch(int fd, int wd) throws InotifyException;

    /** {@code eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)}. @return the new wakeup descriptor */
    int eventFd() throws InotifyException;

    /** Adds one to an eventfd's counter, making it readable. */
    void signal(int eventFd) throws InotifyException;

    /**
     * {@code read(fd, buffer, capacity)} into a direct buffer, from its start; the buffer's position and limit are
     * left alone. A call interrupted by a signal is retried.
     *
     * @return the number of bytes read, or -1 when the non-blocking descriptor has nothing to read
     */
    int read(int fd, ByteBuffer direct) throws InotifyException;

    /**
     * Prepares {@link #read reads} of one descriptor into one direct buffer: the engine makes one for each of its
     * descriptors when it opens, so that what a read needs besides the system call is worked out once.
     */
    default Reader reader(int fd, ByteBuffer direct) {
        return new Reader() {
            @Override
            public int read() throws InotifyException {
                return InotifyApi.this.read(fd, direct);
            }

            @Override
            public byte[] bytes(int count) {
                byte[] bytes = new byte[count];
                direct.get(0, bytes, 0, count);
                return bytes;
            }
        };
    }

    /** {@code ioctl(fd, FIONREAD)}: @return how many bytes of events are queued and not yet read */
    int queuedBytes(int fd) throws InotifyException;

    /**
     * Prepares waiting on both descriptors: the engine makes one set when it opens and waits on it each time, so
     * that a wait allocates nothing. The set holds memory until it is closed; the descriptors stay the caller's.
     */
    PollSet pollSet(int inotifyFd, int wakeupFd);

    /** {@code close(fd)}. */
    void close(int fd) throws InotifyException;

    /**
     * Opens a directory for listing ({@code openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)}), following
     * symbolic links as a registered path is followed.
     *
     * @return the new descriptor, for {@link #listDirectory} and {@link NativePath#ofDescriptor}; the caller closes it
     */
    int openDirectory(NativePath path) throws InotifyException;

    /**
     * Opens the entry {@code name} of an open directory, if it is a directory and not a symbolic link
     * ({@code openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)}). Going through the parent's
     * descriptor rather than a path opens the entry of that very directory, wherever it has been moved meanwhile.
     *
     * @param name a kernel name (see {@link FileNames})
     * @return the new descriptor; the caller closes it
     * @throws InotifyException with {@link #ENOENT} if the entry is gone, {@link #ENOTDIR} or {@link #ELOOP} if it
     *                          is not a directory
     */
    int openSubdirectory(int parentFd, String name) throws InotifyException;

    /**
     * Lists an open directory from its start, and hands each entry but {@code .} and {@code ..} to the visitor with
     * its kernel name and what the listing says of its type.
     *
     * @param direct     a direct buffer to list into, from its start; its position and limit are left alone
     * @param everyEntry hand over every entry; if false, only those that {@linkplain EntryKind#mayBeDirectory may
     *                   be directories}
     * @throws IOException if the directory cannot be listed
     */
    void listDirectory(int fd, ByteBuffer direct, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException;

    /**
     * Reads the status of the entry {@code name} of an open directory, without following a symbolic link
     * ({@code statx(dirFd, name, AT_SYMLINK_NOFOLLOW, ...)}), as the JDK reads it.
     *
     * @param direct a direct buffer of at least {@link StatxCall#BUFFER_BYTES} bytes to read into
     * @param name   a kernel name (see {@link FileNames})
     * @return its status, or null if the entry is gone
     * @throws InotifyException if it cannot be read for another reason
     * @throws LinkageError     if the C library has no {@code statx} (before glibc 2.28)
     */
    ListedEntry statusOf(int dirFd, String name, ByteBuffer direct) throws InotifyException;

    /**
     * Reads the status of the file open at {@code fd} ({@code statx(fd, "", AT_EMPTY_PATH, ...)}), as
     * {@link #statusOf} reads an entry.
     */
    ListedEntry statusOfOpen(int fd, ByteBuffer direct) throws InotifyException;

    /**
     * Reads the POSIX access ACL of an entry ({@code lgetxattr(path, "system.posix_acl_access")}), not following
     * a symbolic link.
     *
     * @return the ACL in its kernel encoding, or null if the entry has none or it cannot be read
     */
    byte[] accessAcl(Path path);

    /** Reads of one descriptor into one direct buffer; see {@link #reader}. */
    interface Reader {

        /** @return what {@link InotifyApi#read} returns */
        int read() throws InotifyException;

        /** @return a copy of the first {@code count} bytes that the last read left in the buffer */
        byte[] bytes(int count);
    }

    /** An inotify descriptor and a wakeup descriptor to {@code poll} for input. Confined to one thread. */
    interface PollSet extends AutoCloseable {

        /**
         * {@code poll} on both descriptors for input. A call interrupted by a signal returns 0.
         *
         * @param timeoutMillis -1 to wait without limit
         * @return {@link #READY_INOTIFY} and/or {@link #READY_WAKEUP}; 0 when the timeout passed
         * @throws InotifyException if the call fails, a descriptor is closed, or this set is closed
         */
        int poll(int timeoutMillis) throws InotifyException;

        /** @return the {@link #poll} timeout for {@code timeoutNanos}: milliseconds rounded up, -1 for none */
        static int timeoutMillis(long timeoutNanos) {
            if (timeoutNanos == Long.MAX_VALUE) {
                return -1;
            }
            if (timeoutNanos <= 0) {
                return 0;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
            if (TimeUnit.MILLISECONDS.toNanos(millis) < timeoutNanos) {
                millis++;
            }
            return (int) Math.min(Integer.MAX_VALUE, millis);
        }

        /** Releases the set's memory, not its descriptors; idempotent. */
        @Override
        void close();
    }
}
