package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which handles a watch opens, and with which notify filter each.
 *
 * <p>{@code FILE_ACTION_MODIFIED} does not say which change class fired. A key that registered only standard
 * kinds gets exactly the JDK's one handle and filter, every MODIFIED reported as {@link Change#MODIFIED}. A key
 * that registered extended kinds gets one more handle per such class, filtered to that class alone, so that a
 * MODIFIED on the SECURITY-only handle is a {@link Change#SECURITY}; the first handle then leaves those classes
 * out, so that no change is reported twice. {@code ReadDirectoryChangesExW} would not tell classes apart
 * either: its extended records carry times and attributes to diff, which misses ACL changes and reports
 * nothing on file systems other than NTFS (and Wine does not export it), so the backend does not use it. The
 * cost of the extra handles: a kernel queue each, separate overflows, and no order across handles.
 */
final class NotifyFilters {

    static final int FILE_NOTIFY_CHANGE_FILE_NAME = 0x1;
    static final int FILE_NOTIFY_CHANGE_DIR_NAME = 0x2;
    static final int FILE_NOTIFY_CHANGE_ATTRIBUTES = 0x4;
    static final int FILE_NOTIFY_CHANGE_SIZE = 0x8;
    static final int FILE_NOTIFY_CHANGE_LAST_WRITE = 0x10;
    static final int FILE_NOTIFY_CHANGE_LAST_ACCESS = 0x20;
    static final int FILE_NOTIFY_CHANGE_CREATION = 0x40;
    static final int FILE_NOTIFY_CHANGE_SECURITY = 0x100;

    static final int NAMES = FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME;

    /** The JDK's filter, whatever kinds a key registered; never LAST_ACCESS. */
    static final int JDK_FILTER = NAMES | FILE_NOTIFY_CHANGE_ATTRIBUTES | FILE_NOTIFY_CHANGE_SIZE
            | FILE_NOTIFY_CHANGE_LAST_WRITE | FILE_NOTIFY_CHANGE_CREATION | FILE_NOTIFY_CHANGE_SECURITY;

    private NotifyFilters() {
    }

    /**
     * One handle of a watch.
     *
     * @param filter     its notify filter
     * @param modifiedAs what a {@code FILE_ACTION_MODIFIED} on it is
     */
    record Group(int filter, Change modifiedAs) {
        /** @return whether this handle reports added, removed and renamed entries */
        boolean reportsNames() {
            return (filter & NAMES) != 0;
        }
    }

    /** @return the handles a watch of {@code spec} needs, the one reporting names first; never empty */
    static List<Group> plan(WatchSpec spec) {
        Set<Change> distinct = EnumSet.noneOf(Change.class);
        for (Change change : spec.distinct()) {
            if (change.isModification() && change != Change.MODIFIED) {
                distinct.add(change);
            }
        }
        List<Group> groups = new ArrayList<>();
        if (distinct.isEmpty()) {
            groups.add(new Group(JDK_FILTER, Change.MODIFIED));
            return groups;
        }
        int first = 0;
        if (spec.changes().contains(Change.CREATED) || spec.changes().contains(Change.DELETED)) {
            first |= NAMES;
        }
        if (spec.changes().contains(Change.MODIFIED)) {
            for (Change change : spec.changes()) {
                if (!distinct.contains(change)) {
                    first |= filterOf(change);
                }
            }
        }
        if (first != 0) {
            groups.add(new Group(first, Change.MODIFIED));
        }
        for (Change change : distinct) {
            groups.add(new Group(filterOf(change), change));
        }
        return groups;
    }

    /** @return the notify filter bit of a modify class, or 0 for the others */
    static int filterOf(Change change) {
        return switch (change) {
            case ATTRIBUTES -> FILE_NOTIFY_CHANGE_ATTRIBUTES;
            case SIZE -> FILE_NOTIFY_CHANGE_SIZE;
            case LAST_WRITE -> FILE_NOTIFY_CHANGE_LAST_WRITE;
            case LAST_ACCESS -> FILE_NOTIFY_CHANGE_LAST_ACCESS;
            case CREATION_TIME -> FILE_NOTIFY_CHANGE_CREATION;
            case SECURITY -> FILE_NOTIFY_CHANGE_SECURITY;
            case CREATED, DELETED, MODIFIED -> 0;
        };
    }
}
