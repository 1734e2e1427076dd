package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.ExtendedKinds;

import java.nio.file.WatchEvent;
import java.util.Set;

/** The kinds and options a key is registered with; replaced as a whole when the directory is registered again. */
record Registration(Set<WatchEvent.Kind<?>> kinds, RegistrationOptions options) {

    boolean has(WatchEvent.Kind<?> kind) {
        return kinds.contains(kind);
    }

    /** @return what the backend is asked to watch for this registration */
    WatchSpec toSpec() {
        Set<Change> changes = EventKinds.changesFor(kinds);
        boolean pairRenames = has(ExtendedKinds.ENTRY_RENAME_FROM) || has(ExtendedKinds.ENTRY_RENAME_TO);
        return new WatchSpec(changes, options.subtree(), pairRenames, options.bufferSize(), options.pollInterval(),
                EventKinds.distinctChangesFor(kinds), options.exclusions());
    }
}
