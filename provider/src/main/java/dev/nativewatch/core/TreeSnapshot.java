package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.Exclusions;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The entries of a directory (or tree) as one scan saw them, keyed by their path relative to the root, in walk
 * order (a directory before its entries). Comparing two snapshots yields the changes between them; this is both
 * how the polling backend works and how an overflow is recovered.
 */
public final class TreeSnapshot {

    private final Map<Path, EntryState> entries;
    /** Directories under the root that were there but could not be listed. */
    private final Set<Path> unlisted;

    private TreeSnapshot(Map<Path, EntryState> entries, Set<Path> unlisted) {
        this.entries = entries;
        this.unlisted = unlisted;
    }

    private TreeSnapshot(Map<Path, EntryState> entries) {
        this(entries, Set.of());
    }

    /** @return a snapshot with no entries, as of a directory not yet scanned */
    public static TreeSnapshot empty() {
        return new TreeSnapshot(Collections.emptyMap());
    }

    /** Scans {@code root} as {@code spec} asks: its subtree or not, reading what its change classes need. */
    public static TreeSnapshot take(Path root, WatchSpec spec) throws IOException {
        return take(root, spec.subtree(), new AttributeReader(root.getFileSystem(), spec.changes()),
                spec.exclusions());
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
        Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
        Map<Path, EntryState> entries = new LinkedHashMap<>();
        Set<Path> unlisted = new HashSet<>();
        walk(start, subtree, reader, exclusions, entries, unlisted);
        return new TreeSnapshot(entries, unlisted.isEmpty() ? Set.of() : unlisted);
    }

    private static void walk(Path root, boolean subtree, AttributeReader reader, Exclusions exclusions,
                             Map<Path, EntryState> entries, Set<Path> unlisted) throws IOException {
        Files.walkFileTree(root, Set.of(), subtree ? Integer.MAX_VALUE : 1, new FileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(root)) {
                    // The walk skips what is under an excluded directory, so the directory itself is all to check.
                    if (!exclusions.isEmpty() && exclusions.matches(root.relativize(dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    record(dir, attributes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (exclusions.isEmpty() || !exclusions.matches(root.relativize(file))) {
                    record(file, attributes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (file.equals(root)) {
                    throw failure;
                }
                if (!exclusions.isEmpty() && exclusions.matches(root.relativize(file))) {
                    return FileVisitResult.CONTINUE;
                }
                // A directory that cannot be opened (no read or search permission) is still there.
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isDirectory()) {
                        record(file, attributes);
                        unlisted.add(root.relativize(file));
                    }
                } catch (IOException gone) {
                    // Vanished since it was listed: the next scan tells.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && dir.equals(root)) {
                    throw failure;
                }
                return FileVisitResult.CONTINUE;
            }

            private void record(Path entry, BasicFileAttributes attributes) {
                try {
                    entries.put(root.relativize(entry), reader.read(entry, attributes));
                } catch (IOException vanishedOrUnreadable) {
                    // Gone since the directory was listed, or unreadable: the next scan tells which.
                }
            }
        });
    }

    /**
     * @return this snapshot, where a directory it could not list takes its contents from {@code previous}: a
     * directory that became unreadable is a change of that directory, not the deletion of everything in it, and
     * once readable again its contents are compared with what they were
     */
    public TreeSnapshot keepingUnlistedFrom(TreeSnapshot previous) {
        if (unlisted.isEmpty() || previous.entries.isEmpty()) {
            return this;
        }
        Map<Path, EntryState> kept = new LinkedHashMap<>(entries);
        previous.entries.forEach((path, state) -> {
            Path parent = path.getParent();
            if (parent != null && underAny(parent, unlisted)) {
                kept.putIfAbsent(path, state);
            }
        });
        return new TreeSnapshot(kept, unlisted);
    }

    /** @return the file key the scan saw at {@code relative}, or null */
    Object fileKeyOf(Path relative) {
        EntryState state = entries.get(relative);
        return state == null ? null : state.fileKey();
    }

    /** @return whether the scan saw {@code relative} */
    boolean contains(Path relative) {
        return entries.containsKey(relative);
    }

    /**
     * @return this snapshot as the consumer knows it after {@code facts}: an entry created or gone hides what this
     * scan saw at and under its path; a modified one is compared by when it was told
     */
    TreeSnapshot overlaid(Map<Path, ToldView.Told> facts) {
        if (facts.isEmpty()) {
            return this;
        }
        Set<Path> replaced = new HashSet<>();
        facts.forEach((path, told) -> {
            if (told.fact() != ToldView.Fact.MODIFIED) {
                replaced.add(path);
            }
        });
        Map<Path, EntryState> view = new LinkedHashMap<>();
        entries.forEach((path, state) -> {
            if (!replaced.isEmpty() && underAny(path, replaced)) {
                return;
            }
            ToldView.Told told = facts.get(path);
            view.put(path, told == null ? state : EntryState.told(state.directory(), told.atMillis()));
        });
        List<Path> created = new ArrayList<>();
        facts.forEach((path, told) -> {
            if (told.fact() == ToldView.Fact.CREATED) {
                created.add(path);
            }
        });
        created.sort(java.util.Comparator.comparingInt(Path::getNameCount));
        for (Path path : created) {
            view.put(path, EntryState.told(false, facts.get(path).atMillis()));
        }
        return new TreeSnapshot(view);
    }

    private static boolean underAny(Path path, Set<Path> roots) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (roots.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of entries */
    public int size() {
        return entries.size();
    }

    /**
     * Reports to {@code sink} how {@code newer} differs from this snapshot: deletions (deepest first), renames
     * (when the spec pairs them and the file system has file keys), creations (shallowest first), then the
     * modify-class changes the spec wants.
     */
    public void reportChanges(TreeSnapshot newer, WatchSpec spec, ChangeSink sink) {
        List<Path> gone = new ArrayList<>();
        List<Path> born = new ArrayList<>();
        entries.forEach((path, state) -> {
            EntryState now = newer.entries.get(path);
            if (now == null || state.replacedBy(now)) {
                gone.add(path);
            }
        });
        newer.entries.forEach((path, state) -> {
            EntryState before = entries.get(path);
            if (before == null || before.replacedBy(state)) {
                born.add(path);
            }
        });
        Renames renames = spec.pairRenames() ? pairRenames(gone, born, newer) : Renames.NONE;

        for (int i = gone.size() - 1; i >= 0; i--) {
            if (!renames.from.contains(gone.get(i))) {
                sink.changed(Change.DELETED, gone.get(i));
            }
        }
        renames.reported.forEach(sink::renamed);
        for (Path path : born) {
            if (!renames.to.contains(path)) {
                sink.changed(Change.CREATED, path);
            }
        }
        if (spec.wantsModifications()) {
            reportModifications(newer, spec.changes(), sink);
        }
    }

    /**
     * Renames found by file key: the pairs to report, and every path on either side that a rename accounts for,
     * including the entries that merely moved along with a renamed directory and are reported by it.
     */
    private record Renames(Map<Path, Path> reported, Set<Path> from, Set<Path> to) {
        static final Renames NONE = new Renames(Map.of(), Set.of(), Set.of());
    }

    private Renames pairRenames(List<Path> gone, List<Path> born, TreeSnapshot newer) {
        Map<Object, Path> bornByKey = new HashMap<>();
        for (Path path : born) {
            Object key = newer.entries.get(path).fileKey();
            if (key != null) {
                bornByKey.put(key, path);
            }
        }
        Renames renames = new Renames(new LinkedHashMap<>(), new HashSet<>(), new HashSet<>());
        Map<Path, Path> movedDirectories = new HashMap<>();
        for (Path from : gone) {
            EntryState before = entries.get(from);
            Path to = before.fileKey() == null ? null : bornByKey.remove(before.fileKey());
            if (to == null) {
                continue;
            }
            Path parent = from.getParent();
            Path parentTarget = parent == null ? null : movedDirectories.get(parent);
            boolean movedWithParent = parentTarget != null && to.equals(parentTarget.resolve(from.getFileName()));
            if (before.directory()) {
                movedDirectories.put(from, to);
            }
            if (!movedWithParent) {
                renames.reported.put(from, to);
            }
            renames.from.add(from);
            renames.to.add(to);
        }
        return renames;
    }

    private void reportModifications(TreeSnapshot newer, Set<Change> wanted, ChangeSink sink) {
        newer.entries.forEach((path, now) -> {
            EntryState before = entries.get(path);
            if (before != null && !before.replacedBy(now)) {
                Set<Change> changes = differences(before, now);
                changes.retainAll(wanted);
                if (!changes.isEmpty()) {
                    sink.changed(changes, path);
                }
            }
        });
    }

    private static Set<Change> differences(EntryState before, EntryState now) {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        if (before.told()) {
            if (before.writtenSinceTold(now)) {
                changes.add(Change.LAST_WRITE);
            }
            return changes;
        }
        if (before.size() != now.size()) {
            changes.add(Change.SIZE);
        }
        if (!before.lastModified().equals(now.lastModified())) {
            changes.add(Change.LAST_WRITE);
        }
        if (!Objects.equals(before.lastAccess(), now.lastAccess())) {
            changes.add(Change.LAST_ACCESS);
        }
        if (before.creationChangedTo(now)) {
            changes.add(Change.CREATION_TIME);
        }
        if (!Objects.equals(before.attributes(), now.attributes())) {
            changes.add(Change.ATTRIBUTES);
        }
        if (!Objects.equals(before.security(), now.security())) {
            changes.add(Change.SECURITY);
        }
        return changes;
    }
}
