package dev.nativewatch.core;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.Exclusions;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The entries of a directory (or tree) as one scan saw them. Comparing two snapshots yields the changes between
 * them; this is both how the polling backend works and how an overflow is recovered. A snapshot held for
 * {@code RESCAN_ON_OVERFLOW} lives as long as its key, so it is kept compact ({@link SnapshotTable}): a few dozen
 * bytes per entry rather than a map entry, a path and an object per attribute.
 */
public final class TreeSnapshot {

    private static final BooleanSupplier NEVER = () -> false;

    private final SnapshotTable table;

    private TreeSnapshot(SnapshotTable table) {
        this.table = table;
    }

    /** @return a snapshot of a table built elsewhere, as from a backend's listing ({@link ListedBase}) */
    static TreeSnapshot of(SnapshotTable table) {
        return new TreeSnapshot(table);
    }

    /** @return a snapshot with no entries, as of a directory not yet scanned */
    public static TreeSnapshot empty() {
        return Empty.SNAPSHOT;
    }

    /** Made on first use: the default file system may be this provider's, still being installed when this loads. */
    private static final class Empty {
        static final TreeSnapshot SNAPSHOT = new TreeSnapshot(new SnapshotBuilder(FileSystems.getDefault(), 0).build());
    }

    /** Scans {@code root} as {@code spec} asks: its subtree or not, reading what its change classes need. */
    public static TreeSnapshot take(Path root, WatchSpec spec) throws IOException {
        return take(root, spec, NEVER);
    }

    /**
     * As {@link #take(Path, WatchSpec)}, giving up between two directories once {@code cancelled} says so.
     *
     * @throws CancellationException if it gave up
     */
    static TreeSnapshot take(Path root, WatchSpec spec, BooleanSupplier cancelled) throws IOException {
        return new TreeSnapshot(TreeScanner.scan(root, spec.subtree(),
                new AttributeReader(root.getFileSystem(), spec.changes()), spec.exclusions(), cancelled));
    }

    /** Scans {@code root} with nothing excluded; see {@link #take(Path, boolean, AttributeReader, Exclusions)}. */
    public static TreeSnapshot take(Path root, boolean subtree, AttributeReader reader) throws IOException {
        return take(root, subtree, reader, Exclusions.NONE);
    }

    /**
     * Scans {@code root}. A root that is a symbolic link is followed, as registering it with the JDK follows it;
     * links under the root are not. An entry that vanishes during the scan is left out; a directory that cannot be
     * listed is recorded, with its contents unknown ({@link #keepingUnlistedFrom}); a root that cannot be read
     * fails the scan. An excluded directory is neither recorded nor entered, and an excluded file is not recorded.
     */
    public static TreeSnapshot take(Path root, boolean subtree, AttributeReader reader, Exclusions exclusions)
            throws IOException {
        return new TreeSnapshot(TreeScanner.scan(root, subtree, reader, exclusions, NEVER));
    }

    /**
     * @return this snapshot, where a directory it could not list takes its contents from {@code previous}: a
     * directory that became unreadable is a change of that directory, not the deletion of everything in it, and
     * once readable again its contents are compared with what they were
     */
    public TreeSnapshot keepingUnlistedFrom(TreeSnapshot previous) {
        if (!table.hasUnlisted() || previous.table.count() <= 1) {
            return this;
        }
        return new TreeSnapshot(UnlistedGraft.graft(table, previous.table));
    }

    /** @return the file key the scan saw at {@code relative}, or null */
    Object fileKeyOf(Path relative) {
        int i = table.find(relative);
        return i < 0 ? null : table.attributes.fileKey(i);
    }

    /** @return whether the scan saw {@code relative} */
    boolean contains(Path relative) {
        return table.find(relative) >= 0;
    }

    /**
     * @return this snapshot as the consumer knows it after {@code facts}: an entry created or gone hides what this
     * scan saw at and under its path; a modified one is compared by when it was told
     */
    TreeSnapshot overlaid(Map<Path, ToldView.Told> facts) {
        if (facts.isEmpty()) {
            return this;
        }
        return new TreeSnapshot(FactOverlay.overlay(table, facts));
    }

    /** @return the number of entries */
    public int size() {
        return table.entries();
    }

    /**
     * Reports to {@code sink} how {@code newer} differs from this snapshot: deletions (deepest first), renames
     * (when the spec pairs them and the file system has file keys), creations (shallowest first), then the
     * modify-class changes the spec wants.
     */
    public void reportChanges(TreeSnapshot newer, WatchSpec spec, ChangeSink sink) {
        SnapshotDiff.report(table, newer.table, spec, sink);
    }
}
