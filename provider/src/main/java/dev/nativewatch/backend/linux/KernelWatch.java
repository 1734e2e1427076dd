package dev.nativewatch.backend.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel watch (one watch descriptor). inotify gives the same descriptor for the same directory however often
 * it is added, so one kernel watch may serve several registrations' directories; its mask is the union of theirs.
 * Confined to the poller thread.
 */
final class KernelWatch {

    final int wd;
    /** The event bits the kernel has been given for this watch. */
    int mask;
    /** Set once the kernel has removed the watch ({@code IN_IGNORED}): it must not be removed again. */
    boolean gone;
    final List<WatchedDirectory> directories = new ArrayList<>(1);

    KernelWatch(int wd) {
        this.wd = wd;
    }

    /** @return the directories as they are now, safe to iterate while the handlers change the list */
    WatchedDirectory[] snapshot() {
        return directories.toArray(new WatchedDirectory[0]);
    }

    @Override
    public String toString() {
        return "KernelWatch[wd=" + wd + ", mask=0x" + Integer.toHexString(mask) + ", " + directories.size()
                + " directories]";
    }
}
