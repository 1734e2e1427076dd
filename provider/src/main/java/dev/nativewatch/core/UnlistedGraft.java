package dev.nativewatch.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot whose directories that could not be listed take their contents from an earlier snapshot: a directory
 * that became unreadable is a change of that directory, not the deletion of everything in it, and once readable
 * again its contents are compared with what they were.
 */
final class UnlistedGraft {

    private final SnapshotTable current;
    private final SnapshotTable previous;
    private final SnapshotBuilder builder;
    /** For each entry built: its index in the current snapshot (-1 if it comes from the previous one)... */
    private final List<Integer> currentOf = new ArrayList<>();
    /** ...and in the previous one (-1 if it has none there). */
    private final List<Integer> previousOf = new ArrayList<>();

    private UnlistedGraft(SnapshotTable current, SnapshotTable previous) {
        this.current = current;
        this.previous = previous;
        this.builder = new SnapshotBuilder(current.fileSystem, current.attributes.recorded);
    }

    static SnapshotTable graft(SnapshotTable current, SnapshotTable previous) {
        UnlistedGraft graft = new UnlistedGraft(current, previous);
        graft.currentOf.add(0);
        graft.previousOf.add(0);
        for (int i = 0; i < graft.builder.count(); i++) {
            graft.builder.open(i);
            int c = graft.currentOf.get(i);
            int p = graft.previousOf.get(i);
            if (c >= 0 && !current.is(c, SnapshotTable.UNLISTED)) {
                graft.currentChildren(c, p);
            } else if (p >= 0) {
                graft.previousChildren(p);
            }
        }
        return graft.builder.build();
    }

    /** The current children of {@code c}, each matched by name with the previous children of {@code p}. */
    private void currentChildren(int c, int p) {
        int k = p >= 0 ? previous.firstChild(p) : 0;
        int end = p >= 0 ? previous.endOfChildren(p) : 0;
        for (int j = current.firstChild(c); j < current.endOfChildren(c); j++) {
            while (k < end && previous.compareNames(k, current, j) < 0) {
                k++;
            }
            boolean match = k < end && previous.compareNames(k, current, j) == 0;
            add(builder.copy(current, j, 0), j, match ? k : -1);
        }
    }

    private void previousChildren(int p) {
        for (int k = previous.firstChild(p); k < previous.endOfChildren(p); k++) {
            add(builder.copy(previous, k, 0), -1, k);
        }
    }

    private void add(int index, int c, int p) {
        currentOf.add(c);
        previousOf.add(p);
        assert currentOf.size() == index + 1;
    }
}
