package dev.nativewatch.backend.tree;

import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;

/**
 * The tree as a consumer of one key believes it to be: the entries it listed when it registered, then every
 * event applied in turn, as an application mirroring a tree does. A creation adds its path alone (a directory moved
 * in arrives with its entries unknown); a deletion takes the path and everything under it. Events are read
 * incrementally, each once.
 */
final class ToldTree {

    private final WatchKey key;
    private final NavigableSet<String> entries = new TreeSet<>();
    private int read;

    /** @param listed the tree's entries when the key was registered, as {@link TreeModel#entries()} gives them */
    ToldTree(WatchKey key, List<String> listed) {
        this.key = key;
        entries.addAll(listed);
    }

    /** Applies the events of the key not yet read. */
    ToldTree update(List<Watching.Event> events) {
        for (; read < events.size(); read++) {
            Watching.Event event = events.get(read);
            if (event.key() != key || event.context() == null) {
                continue;
            }
            String path = RawPaths.latin1(RawPaths.relativeBytes(event.context()));
            if (event.kind() == ENTRY_CREATE) {
                entries.add(path);
            } else if (event.kind() == ENTRY_DELETE) {
                entries.removeIf(entry -> TreeModel.isWithin(entry, path));
            }
        }
        return this;
    }

    /**
     * @param missingToo whether entries on disk that the consumer never heard of count, or only those it believes in
     *                   that are not on disk
     * @return how the believed tree differs from {@code real}'s entries, or an empty string when it does not
     */
    String differences(List<String> real, boolean missingToo) {
        NavigableSet<String> missing = new TreeSet<>(real);
        missing.removeAll(entries);
        NavigableSet<String> extra = new TreeSet<>(entries);
        real.forEach(extra::remove);
        List<String> out = new ArrayList<>();
        if (missingToo && !missing.isEmpty()) {
            out.add("on disk but never reported: " + TreeModel.printable(missing));
        }
        if (!extra.isEmpty()) {
            out.add("reported but not on disk: " + TreeModel.printable(extra));
        }
        return String.join("\n  ", out);
    }
}
