package dev.nativewatch.backend.tree;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;

/**
 * The file keys of what ENTRY_CREATE events name, relative to one base, read incrementally: each event is
 * resolved once, when first seen, so that waiting for thousands of files stays linear.
 */
final class CreatedKeys {

    private final Path base;
    private final Set<Object> keys = new HashSet<>();
    private int read;

    CreatedKeys(Path base) {
        this.base = base;
    }

    /** @return the keys of every file created so far, after reading the events not yet read */
    Set<Object> update(List<Watching.Event> events) {
        for (; read < events.size(); read++) {
            Watching.Event event = events.get(read);
            if (event.kind() == ENTRY_CREATE) {
                Object key = Watching.keyOf(base, event.context());
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
