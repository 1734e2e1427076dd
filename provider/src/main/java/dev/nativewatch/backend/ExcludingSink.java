package dev.nativewatch.backend;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Drops the changes of excluded paths before they reach the key. A rename is kept as far as one of its ends is
 * in scope: out of an excluded path it is a creation, into one a deletion. Backends that keep excluded
 * directories out of the kernel use it too, for excluded files and for what a rename brings under an excluded
 * name. Confined to the thread that reports to it.
 */
public final class ExcludingSink implements ChangeSink {

    private final ChangeSink target;
    private Exclusions exclusions;
    /** Nothing is excluded, as in most registrations: each change passes with one test, not a call per path. */
    private boolean none;

    public ExcludingSink(ChangeSink target, Exclusions exclusions) {
        this.target = Objects.requireNonNull(target, "target");
        use(exclusions);
    }

    /** Applies the exclusions of a re-registration. */
    public void use(Exclusions replacement) {
        exclusions = Objects.requireNonNull(replacement, "exclusions");
        none = replacement.isEmpty();
    }

    /** @return whether changes of {@code relative} are left out */
    public boolean excludes(Path relative) {
        return exclusions.excludes(relative);
    }

    @Override
    public void changed(Change change, Path relative) {
        if (none || !exclusions.excludes(relative)) {
            target.changed(change, relative);
        }
    }

    @Override
    public void changed(Set<Change> changes, Path relative) {
        if (none || !exclusions.excludes(relative)) {
            target.changed(changes, relative);
        }
    }

    @Override
    public void renamed(Path from, Path to) {
        boolean fromOut = exclusions.excludes(from);
        boolean toOut = exclusions.excludes(to);
        if (!fromOut && !toOut) {
            target.renamed(from, to);
        } else if (!fromOut) {
            target.changed(Change.DELETED, from);
        } else if (!toOut) {
            target.changed(Change.CREATED, to);
        }
    }

    @Override
    public void overflowed() {
        target.overflowed();
    }

    @Override
    public void invalidated(String reason) {
        target.invalidated(reason);
    }
}
