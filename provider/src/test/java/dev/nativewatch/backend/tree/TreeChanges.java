package dev.nativewatch.backend.tree;

import java.io.IOException;
import java.util.List;

/**
 * What changes a real tree in a {@link TortureRun}, keeping a {@link TreeModel} of it and a log of what it did:
 * {@link TreeMutator} with every change the kernel can make, {@link WineTreeMutator} with those Wine follows.
 */
interface TreeChanges {

    TreeModel model();

    /** @return every change made so far, in order, each logged before it was made */
    List<String> log();

    void note(String line);

    /** @return the byte path of {@code relative}, a path of the model */
    byte[] absolute(String relative);

    /**
     * Makes {@code count} random changes.
     *
     * @throws AssertionError if the watch did not report a change that these changes wait for
     */
    void mutate(int count) throws IOException, InterruptedException;

    /**
     * @return whether the changes may be made while the watcher is held back (see {@link TortureRun}); not when they
     * wait for the watch to report some of them
     */
    default boolean canBeHeldBack() {
        return true;
    }

    /** The tree is watched from now on, through {@code watching}; the changes before this were made unwatched. */
    default void watchedBy(Watching watching) {
    }
}
