package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static dev.nativewatch.backend.linux.InotifyApi.IN_ACCESS;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ATTRIB;
import static dev.nativewatch.backend.linux.InotifyApi.IN_CREATE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE_SELF;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MODIFY;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_FROM;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_TO;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVE_SELF;

/**
 * The inotify events a watch spec needs. For the standard kinds these are the JDK's masks: CREATE is
 * {@code IN_CREATE|IN_MOVED_TO}, DELETE {@code IN_DELETE|IN_MOVED_FROM}, MODIFY {@code IN_MODIFY|IN_ATTRIB};
 * {@code IN_ACCESS} only when last-access changes are asked for, since every read would trigger it.
 */
final class InotifyMasks {

    private static final Set<Change> WRITES = EnumSet.of(Change.MODIFIED, Change.SIZE, Change.LAST_WRITE);
    /** {@code IN_ATTRIB} covers chmod, chown, ACLs and utimensat, which sets either timestamp. */
    private static final Set<Change> ATTRIBUTE_CHANGES = EnumSet.of(Change.MODIFIED, Change.ATTRIBUTES,
            Change.SECURITY, Change.LAST_WRITE, Change.LAST_ACCESS);

    private InotifyMasks() {
    }

    /**
     * @param root whether the directory is the registered one, whose own deletion and move matter
     * @return the event bits to ask the kernel for
     */
    static int of(WatchSpec spec, boolean root) {
        Set<Change> changes = spec.changes();
        int mask = 0;
        if (changes.contains(Change.CREATED)) {
            mask |= IN_CREATE | IN_MOVED_TO;
        }
        if (changes.contains(Change.DELETED)) {
            mask |= IN_DELETE | IN_MOVED_FROM;
        }
        if (spec.pairRenames()) {
            mask |= IN_MOVED_FROM | IN_MOVED_TO;
        }
        if (spec.subtree()) {
            // Keeping the tree of watches up to date needs every directory entering or leaving it.
            mask |= IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO;
        }
        if (!Collections.disjoint(changes, WRITES)) {
            mask |= IN_MODIFY;
        }
        if (!Collections.disjoint(changes, ATTRIBUTE_CHANGES)) {
            mask |= IN_ATTRIB;
        }
        if (changes.contains(Change.LAST_ACCESS)) {
            mask |= IN_ACCESS;
        }
        if (root) {
            mask |= IN_DELETE_SELF | IN_MOVE_SELF;
        }
        return mask;
    }
}
