package dev.nativewatch.backend.linux;

import com.sun.jna.Native;

/**
 * Watches a directory open at a descriptor by entering it: for the length of one call the directory is the
 * working directory of the calling thread alone, and {@code inotify_add_watch} watches {@code "."}. The other way
 * to name an open directory, {@code /proc/self/fd/N}, costs a lookup through procfs per directory, which made
 * establishing a watch on a large tree about a sixth slower.
 *
 * <p>A thread's first call makes it stop sharing its working directory with the rest of the process
 * ({@code unshare(CLONE_FS)}), and keeps a descriptor of the directory it was in; every call returns there before
 * it ends, so relative paths used on the thread resolve as they did, and no watched directory is held as a
 * working directory (which would keep its file system from being unmounted). Where a thread cannot have a working
 * directory of its own (some seccomp profiles refuse {@code unshare}), or a directory cannot be entered (readable
 * but not searchable), the caller names it through procfs instead.
 */
final class ThreadDirectory {

    private static final System.Logger LOG = System.getLogger(ThreadDirectory.class.getName());

    /** {@link #addWatchInside}: the directory was not entered; name it through procfs. */
    static final int NOT_ENTERED = Integer.MIN_VALUE;

    private static final byte[] DOT = {'.', 0};
    /** {@link #HOME}'s value for a thread that cannot have a working directory of its own. */
    private static final int UNAVAILABLE = -1;

    /** A descriptor of the directory each thread returns to, or {@link #UNAVAILABLE}; absent until first used. */
    private static final ThreadLocal<Integer> HOME = new ThreadLocal<>();

    private ThreadDirectory() {
    }

    /**
     * @return the watch descriptor; minus the errno if {@code inotify_add_watch} failed; {@link #NOT_ENTERED} if
     * the directory could not be entered, and nothing was watched
     */
    static int addWatchInside(int inotifyFd, int dirFd, int mask) {
        int home = home();
        if (home == UNAVAILABLE || LibC.fchdir(dirFd) != 0) {
            return NOT_ENTERED;
        }
        int wd = LibC.inotify_add_watch(inotifyFd, DOT, mask);
        int result = wd >= 0 ? wd : -Native.getLastError();
        if (LibC.fchdir(home) != 0) {
            // The directory it came from has a descriptor open on it: this cannot fail short of a kernel defect.
            int errno = Native.getLastError();
            HOME.set(UNAVAILABLE);
            LibC.close(home);
            throw new IllegalStateException("cannot return to the working directory after watching a directory: "
                    + JnaInotifyApi.describe(errno));
        }
        return result;
    }

    /** Closes the descriptor the calling thread returns to; the thread's working directory stays its own. */
    static void release() {
        Integer home = HOME.get();
        HOME.remove();
        if (home != null && home != UNAVAILABLE) {
            LibC.close(home);
        }
    }

    private static int home() {
        Integer home = HOME.get();
        if (home == null) {
            home = ownWorkingDirectory();
            HOME.set(home);
        }
        return home;
    }

    private static int ownWorkingDirectory() {
        int home = LibC.openat(LibC.AT_FDCWD, DOT, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (home < 0) {
            int errno = Native.getLastError();
            LOG.log(System.Logger.Level.DEBUG, () -> "watching open directories through procfs: the working "
                    + "directory cannot be opened: " + JnaInotifyApi.describe(errno));
            return UNAVAILABLE;
        }
        if (LibC.unshare(LibC.CLONE_FS) != 0) {
            int errno = Native.getLastError();
            LibC.close(home);
            LOG.log(System.Logger.Level.DEBUG, () -> "watching open directories through procfs: unshare(CLONE_FS) "
                    + "failed: " + JnaInotifyApi.describe(errno));
            return UNAVAILABLE;
        }
        return home;
    }
}
