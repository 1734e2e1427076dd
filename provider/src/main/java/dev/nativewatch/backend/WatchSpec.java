package dev.nativewatch.backend;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a backend is asked to watch on one directory.
 *
 * @param changes        the change classes the key needs; a backend may report more, never fewer
 * @param subtree        watch the whole tree, including directories that appear later
 * @param pairRenames    report renames inside the scope through {@link ChangeSink#renamed}, where the backend can
 * @param bufferSize     the requested kernel buffer size in bytes, for backends that have one
 * @param pollInterval   the requested scan interval, for backends that scan
 */
public record WatchSpec(Set<Change> changes, boolean subtree, boolean pairRenames, OptionalInt bufferSize,
                        Optional<Duration> pollInterval) {

    public WatchSpec {
        changes = Collections.unmodifiableSet(changes.isEmpty() ? EnumSet.noneOf(Change.class) : EnumSet.copyOf(changes));
    }

    /** @return whether any modify-class change is wanted */
    public boolean wantsModifications() {
        return changes.stream().anyMatch(Change::isModification);
    }
}
