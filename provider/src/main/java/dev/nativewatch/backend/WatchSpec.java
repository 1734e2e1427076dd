package dev.nativewatch.backend;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
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
 * @param distinct       the modify classes the key registered under their own kind, a subset of {@code changes}:
 *                       a backend that must do extra work to tell change classes apart (the Windows backend)
 *                       reports these under their own {@link Change} and may report every other modify-class
 *                       change as {@link Change#MODIFIED}; {@code changes} alone cannot say this, because
 *                       {@code ENTRY_MODIFY} already needs every modify class
 * @param exclusions     paths under the registered directory to leave alone: an excluded directory is neither
 *                       walked nor watched where the backend can avoid it, and no change of an excluded path is
 *                       reported
 */
public record WatchSpec(Set<Change> changes, boolean subtree, boolean pairRenames, OptionalInt bufferSize,
                        Optional<Duration> pollInterval, Set<Change> distinct, Exclusions exclusions) {

    public WatchSpec {
        changes = copy(changes);
        distinct = copy(distinct);
        Objects.requireNonNull(exclusions, "exclusions");
    }

    /** A spec that excludes nothing. */
    public WatchSpec(Set<Change> changes, boolean subtree, boolean pairRenames, OptionalInt bufferSize,
                     Optional<Duration> pollInterval, Set<Change> distinct) {
        this(changes, subtree, pairRenames, bufferSize, pollInterval, distinct, Exclusions.NONE);
    }

    /** A spec whose modify classes are all {@code distinct}, as a caller that does not say otherwise needs. */
    public WatchSpec(Set<Change> changes, boolean subtree, boolean pairRenames, OptionalInt bufferSize,
                     Optional<Duration> pollInterval) {
        this(changes, subtree, pairRenames, bufferSize, pollInterval, modifyClasses(changes));
    }

    /** @return whether any modify-class change is wanted */
    public boolean wantsModifications() {
        return changes.stream().anyMatch(Change::isModification);
    }

    private static Set<Change> copy(Set<Change> changes) {
        return Collections.unmodifiableSet(changes.isEmpty() ? EnumSet.noneOf(Change.class) : EnumSet.copyOf(changes));
    }

    private static Set<Change> modifyClasses(Set<Change> changes) {
        Set<Change> classes = EnumSet.noneOf(Change.class);
        changes.stream().filter(c -> c.isModification() && c != Change.MODIFIED).forEach(classes::add);
        return classes;
    }
}
