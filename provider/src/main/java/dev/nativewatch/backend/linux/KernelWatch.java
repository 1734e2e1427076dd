package dev.nativewatch.backend.linux;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One kernel watch (one watch descriptor). inotify gives the same descriptor for the same directory however often
 * it is added, so one kernel watch may serve several registrations' directories; its mask is the union of theirs.
 * Confined to the poller thread.
 *
 * <p>Nearly every kernel watch serves one directory, and there is one per watched directory, so that directory is
 * held in a field of its own; only a shared watch has an array, and a new one whenever a directory joins or leaves.
 * The handlers of an event may attach or detach directories of the very watch the event came from, so the engine
 * goes through the directories as they were when it started ({@link #forEachDirectory}).
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
     * Hands each directory to {@code action}, as they are when the call begins: the action may attach directories
     * to this watch or detach them, which replaces the array rather than changing it, and does not change what this
     * call goes through.
     */
    void forEachDirectory(Consumer<WatchedDirectory> action) {
        Object now = directories;
        if (now instanceof WatchedDirectory single) {
            action.accept(single);
        } else if (now != null) {
            for (WatchedDirectory dir : (WatchedDirectory[]) now) {
                action.accept(dir);
            }
        }
    }

    /** @return the one directory of a watch that serves only one, or null */
    WatchedDirectory only() {
        return directories instanceof WatchedDirectory single ? single : null;
    }

    /** @return the directory of this watch that belongs to {@code owner} and is attached, or null */
    WatchedDirectory directoryOf(InotifyWatch owner) {
        Object now = directories;
        if (now instanceof WatchedDirectory single) {
            return single.owner == owner && !single.detached ? single : null;
        }
        if (now != null) {
            for (WatchedDirectory dir : (WatchedDirectory[]) now) {
                if (dir.owner == owner && !dir.detached) {
                    return dir;
                }
            }
        }
        return null;
    }

    /** @return the union of the masks its directories' registrations ask for */
    int wantedMask() {
        int[] wanted = {0};
        forEachDirectory(dir -> wanted[0] |= dir.owner.maskFor(dir));
        return wanted[0];
    }

    boolean isEmpty() {
        return directories == null;
    }

    /** @return one of the directories; the watch must not be empty */
    WatchedDirectory first() {
        return directories instanceof WatchedDirectory single ? single : ((WatchedDirectory[]) directories)[0];
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
        return "KernelWatch[wd=" + wd + ", mask=0x" + Integer.toHexString(mask) + ", " + toArray().length
                + " directories]";
    }
}
