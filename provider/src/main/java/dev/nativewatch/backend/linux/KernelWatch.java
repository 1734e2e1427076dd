package dev.nativewatch.backend.linux;

import java.util.Arrays;

/**
 * One kernel watch (one watch descriptor). inotify gives the same descriptor for the same directory however often
 * it is added, so one kernel watch may serve several registrations' directories; its mask is the union of theirs.
 * Confined to the poller thread.
 *
 * <p>Nearly every kernel watch serves one directory, and there is one per watched directory, so that directory is
 * held in a field of its own; only a shared watch has an array, and a new one whenever a directory joins or leaves.
 * The handlers of an event may attach or detach directories of the very watch the event came from, so the engine
 * iterates what {@link #directories()} returned before it started: that never changes, and taking it allocates
 * nothing.
 */
final class KernelWatch {

    private static final WatchedDirectory[] NONE = new WatchedDirectory[0];

    final int wd;
    /** The event bits the kernel has been given for this watch. */
    int mask;
    /** The one directory, a {@code WatchedDirectory[]} of two or more that is replaced rather than changed, or null. */
    private Object directories;

    KernelWatch(int wd) {
        this.wd = wd;
    }

    /**
     * @return the directories as they are now, for {@link #count} and {@link #get}; later joins and leaves do not
     * change what is returned
     */
    Object directories() {
        return directories;
    }

    /** @return how many directories a result of {@link #directories()} holds */
    static int count(Object directories) {
        if (directories == null) {
            return 0;
        }
        return directories instanceof WatchedDirectory ? 1 : ((WatchedDirectory[]) directories).length;
    }

    /** @return the directory at {@code index} of a result of {@link #directories()} */
    static WatchedDirectory get(Object directories, int index) {
        if (directories instanceof WatchedDirectory single) {
            if (index != 0) {
                throw new IndexOutOfBoundsException(index);
            }
            return single;
        }
        return ((WatchedDirectory[]) directories)[index];
    }

    boolean isEmpty() {
        return directories == null;
    }

    /** @return one of the directories; the watch must not be empty */
    WatchedDirectory first() {
        return get(directories, 0);
    }

    void add(WatchedDirectory dir) {
        if (directories == null) {
            directories = dir;
            return;
        }
        WatchedDirectory[] now = toArray();
        WatchedDirectory[] more = Arrays.copyOf(now, now.length + 1);
        more[now.length] = dir;
        directories = more;
    }

    /** @return whether the directory was one of this watch's */
    boolean remove(WatchedDirectory dir) {
        if (directories == dir) {
            directories = null;
            return true;
        }
        WatchedDirectory[] now = toArray();
        for (int i = 0; i < now.length; i++) {
            if (now[i] == dir) {
                WatchedDirectory[] fewer = new WatchedDirectory[now.length - 1];
                System.arraycopy(now, 0, fewer, 0, i);
                System.arraycopy(now, i + 1, fewer, i, fewer.length - i);
                directories = switch (fewer.length) {
                    case 0 -> null;
                    case 1 -> fewer[0];
                    default -> fewer;
                };
                return true;
            }
        }
        return false;
    }

    private WatchedDirectory[] toArray() {
        if (directories == null) {
            return NONE;
        }
        return directories instanceof WatchedDirectory single
                ? new WatchedDirectory[] {single}
                : (WatchedDirectory[]) directories;
    }

    @Override
    public String toString() {
        return "KernelWatch[wd=" + wd + ", mask=0x" + Integer.toHexString(mask) + ", " + count(directories)
                + " directories]";
    }
}
