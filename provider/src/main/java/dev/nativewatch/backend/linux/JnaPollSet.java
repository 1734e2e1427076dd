package dev.nativewatch.backend.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import static dev.nativewatch.backend.linux.InotifyApi.EBADF;
import static dev.nativewatch.backend.linux.InotifyApi.EINTR;
import static dev.nativewatch.backend.linux.InotifyApi.READY_INOTIFY;
import static dev.nativewatch.backend.linux.InotifyApi.READY_WAKEUP;

/**
 * The production {@link InotifyApi.PollSet}: one {@code struct pollfd[2]} in native memory, filled in once. The
 * kernel only writes {@code revents}, so a wait passes the same array again with nothing to reset.
 *
 * <p>A watcher that sees few events runs this interpreted, so each wait takes the shortest way there is: the
 * array is passed by its address, a primitive that JNA hands on without converting, and {@code revents} is read
 * with {@link Pointer#getShort}, one native call, rather than through a buffer view, a chain of calls.
 */
final class JnaPollSet implements InotifyApi.PollSet {

    private static final int DESCRIPTORS = 2;
    private static final int INOTIFY = 0;
    private static final int WAKEUP = LibC.POLLFD_SIZE;
    private static final short READABLE = LibC.POLLIN | LibC.POLLERR | LibC.POLLHUP;

    /** Null once closed. */
    private Memory fds;
    private final long address;
    /** The same memory without the bounds check of every {@link Memory} access: the offsets are constants. */
    private final Pointer array;

    JnaPollSet(int inotifyFd, int wakeupFd) {
        fds = new Memory((long) DESCRIPTORS * LibC.POLLFD_SIZE);
        address = Pointer.nativeValue(fds);
        array = new Pointer(address);
        fds.setInt(INOTIFY, inotifyFd);
        fds.setShort(INOTIFY + LibC.POLLFD_EVENTS, LibC.POLLIN);
        fds.setShort(INOTIFY + LibC.POLLFD_REVENTS, (short) 0);
        fds.setInt(WAKEUP, wakeupFd);
        fds.setShort(WAKEUP + LibC.POLLFD_EVENTS, LibC.POLLIN);
        fds.setShort(WAKEUP + LibC.POLLFD_REVENTS, (short) 0);
    }

    @Override
    public int poll(int timeoutMillis) throws InotifyException {
        if (fds == null) {
            throw JnaInotifyApi.failure("poll", "a closed poll set", EBADF);
        }
        int count = LibC.poll(address, DESCRIPTORS, timeoutMillis);
        if (count == 0) {
            return 0;
        }
        if (count < 0) {
            int errno = Native.getLastError();
            if (errno == EINTR) {
                return 0;
            }
            throw JnaInotifyApi.failure("poll", null, errno);
        }
        short inotify = array.getShort(INOTIFY + LibC.POLLFD_REVENTS);
        // count says how many descriptors have events: when the inotify one alone has, the other needs no look.
        short wakeup = count == 1 && inotify != 0 ? 0 : array.getShort(WAKEUP + LibC.POLLFD_REVENTS);
        if (((inotify | wakeup) & LibC.POLLNVAL) != 0) {
            throw JnaInotifyApi.failure("poll", "a closed descriptor", EBADF);
        }
        return ((inotify & READABLE) != 0 ? READY_INOTIFY : 0) | ((wakeup & READABLE) != 0 ? READY_WAKEUP : 0);
    }

    @Override
    public void close() {
        if (fds != null) {
            fds.close();
            fds = null;
        }
    }
}
