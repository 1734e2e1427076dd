package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.ExtendedKinds;

import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.Set;

/**
 * The kinds and options a key is registered with; replaced as a whole when the directory is registered again.
 *
 * <p>{@link #has} is asked for every event a key adds. The three standard kinds are answered from bits worked out
 * once: on a watcher that sees few events this runs interpreted, where a look in the set is several calls.
 */
final class Registration {

    private static final int CREATE = 1;
    private static final int DELETE = 2;
    private static final int MODIFY = 4;

    private final Set<WatchEvent.Kind<?>> kinds;
    private final RegistrationOptions options;
    private final int standardKinds;
    private final boolean distinctModifications;

    Registration(Set<WatchEvent.Kind<?>> kinds, RegistrationOptions options) {
        this.kinds = kinds;
        this.options = options;
        int standard = 0;
        for (WatchEvent.Kind<?> kind : kinds) {
            standard |= bitOf(kind);
        }
        this.standardKinds = standard;
        this.distinctModifications = !EventKinds.distinctChangesFor(kinds).isEmpty();
    }

    Set<WatchEvent.Kind<?>> kinds() {
        return kinds;
    }

    RegistrationOptions options() {
        return options;
    }

    boolean has(WatchEvent.Kind<?> kind) {
        int bit = bitOf(kind);
        return bit != 0 ? (standardKinds & bit) != 0 : kinds.contains(kind);
    }

    /** @return whether a modify class is registered under its own (extended) kind, as ENTRY_SIZE is */
    boolean hasDistinctModifications() {
        return distinctModifications;
    }

    /** @return what the backend is asked to watch for this registration */
    WatchSpec toSpec() {
        Set<Change> changes = EventKinds.changesFor(kinds);
        boolean pairRenames = has(ExtendedKinds.ENTRY_RENAME_FROM) || has(ExtendedKinds.ENTRY_RENAME_TO);
        return new WatchSpec(changes, options.subtree(), pairRenames, options.bufferSize(), options.pollInterval(),
                EventKinds.distinctChangesFor(kinds), options.exclusions());
    }

    private static int bitOf(WatchEvent.Kind<?> kind) {
        return kind == StandardWatchEventKinds.ENTRY_CREATE ? CREATE
                : kind == StandardWatchEventKinds.ENTRY_DELETE ? DELETE
                : kind == StandardWatchEventKinds.ENTRY_MODIFY ? MODIFY : 0;
    }

    @Override
    public String toString() {
        return "Registration" + kinds + ", " + options;
    }
}
