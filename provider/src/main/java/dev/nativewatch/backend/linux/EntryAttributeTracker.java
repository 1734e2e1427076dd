package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Set;

import static dev.nativewatch.backend.linux.InotifyApi.IN_ACCESS;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ATTRIB;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MODIFY;

/**
 * Remembers the attributes of one registration's entries, in each directory's {@link WatchedDirectory#entries}, so
 * that a modify-class event can be told apart into the change classes it stands for. Entries are keyed by kernel
 * name (see {@link FileNames}). Confined to the poller thread.
 */
final class EntryAttributeTracker {

    /** What an {@code IN_MODIFY} stands for. */
    private static final EnumSet<Change> WRITTEN = EnumSet.of(Change.SIZE, Change.LAST_WRITE);

    private final InotifyWatch owner;
    private final InotifyEngine engine;

    EntryAttributeTracker(InotifyWatch owner, InotifyEngine engine) {
        this.owner = owner;
        this.engine = engine;
    }

    /** @return whether a registration with this spec must remember its entries' attributes */
    static boolean needed(WatchSpec spec) {
        // Only classes reported under their own kind need the state: for ENTRY_MODIFY, IN_ATTRIB says enough.
        return EntryAttributes.neededFor(spec.distinct());
    }

    /** Gives a directory that enters the tree an empty table of attributes, if the spec needs them. */
    void prepare(WatchedDirectory dir) {
        if (needed(owner.spec())) {
            dir.entries = new HashMap<>();
        }
    }

    /** Reads the attributes of every entry of a directory afresh, if its attributes are tracked. */
    void refresh(WatchedDirectory dir) {
        if (dir.entries != null) {
            baseline(dir);
        }
    }

    /**
     * Starts or stops tracking every directory under {@code root} after a re-registration. Starting to read ACLs
     * also reads every entry afresh, since what was remembered has none to compare with.
     */
    void respecified(WatchSpec previous, WatchSpec replacement, WatchedDirectory root) {
        boolean tracked = needed(previous);
        boolean aclRead = previous.distinct().contains(Change.SECURITY);
        if (needed(replacement) && (!tracked || (!aclRead && replacement.distinct().contains(Change.SECURITY)))) {
            for (WatchedDirectory dir : root.subtree()) {
                dir.entries = new HashMap<>();
                baseline(dir);
            }
        } else if (!needed(replacement) && tracked) {
            for (WatchedDirectory dir : root.subtree()) {
                dir.entries = null;
            }
        }
    }

    /**
     * Keeps the attributes of an entry a listing of a tracked directory found.
     *
     * @return them, or null if the entry cannot be read
     */
    EntryAttributes listed(WatchedDirectory dir, String name, Path entry) {
        EntryAttributes attributes = EntryAttributes.read(entry, aclReader());
        if (attributes != null) {
            dir.entries.putIfAbsent(name, attributes);
        }
        return attributes;
    }

    /** An entry appeared. */
    void created(WatchedDirectory dir, String name) {
        if (dir.entries != null) {
            remember(dir, name);
        }
    }

    /** An entry went away. */
    void deleted(WatchedDirectory dir, String name) {
        if (dir.entries != null) {
            dir.entries.remove(name);
        }
    }

    /** An entry was renamed within the registration: what is known of it moves with it. */
    void renamed(WatchedDirectory from, String fromName, WatchedDirectory to, String toName) {
        EntryAttributes attributes = from.entries == null ? null : from.entries.remove(fromName);
        if (to.entries != null) {
            if (attributes != null) {
                to.entries.put(toName, attributes);
            } else {
                remember(to, toName);
            }
        }
    }

    /**
     * Classifies a modify-class event on an entry and brings what is remembered of it up to date. A change class
     * that only comparing attributes can reveal is missing while the entry's earlier attributes are unknown.
     *
     * @param mask the event's bits: {@code IN_MODIFY}, {@code IN_ATTRIB} or {@code IN_ACCESS}
     * @return the change classes the event stands for, whether the registration asked for them or not
     */
    Set<Change> changesOf(WatchedDirectory dir, String name, int mask) {
        // A copy of a set made once: a write is the commonest event, and interpreted (on a watcher that sees few
        // events) a copy costs fewer calls than adding its classes one by one.
        Set<Change> changes = (mask & IN_MODIFY) != 0 ? WRITTEN.clone() : EnumSet.noneOf(Change.class);
        if ((mask & IN_MODIFY) != 0) {
            if (dir.entries != null) {
                dir.entries.computeIfPresent(name, (n, known) -> known.withLastModifiedUnknown());
            }
        }
        if ((mask & IN_ATTRIB) != 0) {
            changes.add(Change.ATTRIBUTES);
            if (dir.entries != null) {
                EntryAttributes before = dir.entries.get(name);
                EntryAttributes now = remember(dir, name);
                if (before != null && now != null) {
                    changes.addAll(before.changesTo(now));
                }
            }
        }
        if ((mask & IN_ACCESS) != 0) {
            changes.add(Change.LAST_ACCESS);
            if (dir.entries != null) {
                dir.entries.computeIfPresent(name, (n, known) -> known.withLastAccessUnknown());
            }
        }
        return changes;
    }

    /** Reads and keeps an entry's attributes; @return them, or null if the entry cannot be read */
    private EntryAttributes remember(WatchedDirectory dir, String name) {
        Path directory = owner.pathOf(dir);
        if (directory == null) {
            return null; // Its path is unknown.
        }
        EntryAttributes attributes = EntryAttributes.read(directory.resolve(owner.relativePath(new String[] {name})),
                aclReader());
        if (attributes == null) {
            dir.entries.remove(name);
        } else {
            dir.entries.put(name, attributes);
        }
        return attributes;
    }

    /** Reads the attributes of every entry of a directory afresh. */
    private void baseline(WatchedDirectory dir) {
        Path directory = owner.pathOf(dir);
        dir.entries = directory == null ? new HashMap<>() : EntryAttributes.readAll(directory, aclReader());
    }

    private InotifyApi aclReader() {
        return owner.spec().distinct().contains(Change.SECURITY) ? engine.api() : null;
    }
}
