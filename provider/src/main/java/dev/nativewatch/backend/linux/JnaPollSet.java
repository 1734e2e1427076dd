package dev.nativewatch.backend.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.nativewatch.backend.linux.InotifyApi.EBADF;
import static dev.nativewatch.backend.linux.InotifyApi.EINTR;
import static dev.nativewatch.backend.linux.InotifyApi.READY_INOTIFY;
import static dev.nativewatch.backend.linux.InotifyApi.READY_WAKEUP;

/**
 * The production {@link InotifyApi.PollSet}: one {@code struct pollfd[2]} in native memory, filled in once. The
 * kernel only writes {@code revents}, so a wait passes the same array again with nothing to reset, and reads the
 * result through a buffer view of that memory instead of a native call per field.
 */
final class JnaPollSet implements InotifyApi.PollSet {

    private static final int DESCRIPTORS = 2;
    private static final int INOTIFY = 0;
    private static final int WAKEUP = LibC.POLLFD_SIZE;
    private static final short READABLE = LibC.POLLIN | LibC.POLLERR | LibC.POLLHUP;

    /** Null once closed. */
    private Memory fds;
    private ByteBuffer view;

    JnaPollSet(int inotifyFd, int wakeupFd) {
        fds = new Memory((long) DESCRIPTORS * LibC.POLLFD_SIZE);
        view = fds.getByteBuffer(0, fds.size()).order(ByteOrder.nativeOrder());
        view.putInt(INOTIFY, inotifyFd).putShort(INOTIFY + LibC.POLLFD_EVENTS, LibC.POLLIN)
                .putShort(INOTIFY + LibC.POLLFD_REVENTS, (short) 0);
        view.putInt(WAKEUP, wakeupFd).putShort(WAKEUP + LibC.POLLFD_EVENTS, LibC.POLLIN)
                .putShort(WAKEUP + LibC.POLLFD_REVENTS, (short) 0);
    }

    @Override
    public int poll(int timeoutMillis) throws InotifyException {
        if (fds == null) {
            throw JnaInotifyApi.failure("poll", "a closed poll set", EBADF);
        }
        int count = LibC.poll(fds, DESCRIPTORS, timeoutMillis);
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
        short inotify = view.getShort(INOTIFY + LibC.POLLFD_REVENTS);
        short wakeup = view.getShort(WAKEUP + LibC.POLLFD_REVENTS);
        if (((inotify | wakeup) & LibC.POLLNVAL) != 0) {
            throw JnaInotifyApi.failure("poll", "a closed descriptor", EBADF);
        }
        return ((inotify & READABLE) != 0 ? READY_INOTIFY : 0) | ((wakeup & READABLE) != 0 ? READY_WAKEUP : 0);
    }

    @Override
    public void close() {
        if (fds != null) {
            view = null;
            fds.close();
            fds = null;
        }
    }
}
