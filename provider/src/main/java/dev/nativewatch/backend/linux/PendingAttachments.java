package dev.nativewatch.backend.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a registration catches up on once the queue has been read empty and its model has taken in every rename:
 * directories that entered the tree while the path to their parent was stale (renames of the parent, or of a
 * directory above it, were still queued), and directories whose subdirectories may differ from the model (to be
 * reconciled with what they hold), and directories whose place in the model was set while events were still queued
 * (attached by a path read ahead of those events, or moved by a rename read after the tree changed again), whose
 * place is confirmed once the model has taken in every event. One that still cannot be done after
 * {@link #MAX_ATTEMPTS} tries means the model no longer matches the tree. Confined to the poller thread.
 */
final class PendingAttachments {

    /** Tries a stale path gets before the model is declared out of step; renames are read well before that. */
    static final int MAX_ATTEMPTS = 3;
    /**
     * Tries a reconcile gets that found events queued meanwhile, and so could not trust its look at the tree; a tree
     * that stays this busy is declared out of step rather than left unchecked.
     */
    static final int MAX_BUSY_ATTEMPTS = 50;

    /**
     * One thing to do, and how many times that has failed.
     *
     * @param name the kernel name of the directory to attach under {@code parent}; null to reconcile {@code parent}
     */
    record Pending(WatchedDirectory parent, String name, boolean report, int attempts, int busyAttempts) {
    }

    private List<Pending> pending = new ArrayList<>();
    /** The directories {@link #pending} holds to reconcile, so that each is there once however often suspected. */
    private final Set<WatchedDirectory> toReconcile = new HashSet<>();
    /** Directories whose place in the model is to be confirmed; see {@link #confirm}. */
    private Set<WatchedDirectory> toConfirm = new LinkedHashSet<>();
    /** Directories reconciling took from their places that are still to be found; see {@link WatchedTree#homeless}. */
    private List<WatchedDirectory> homeless = new ArrayList<>();
    /** How many times confirming found events queued meanwhile, and so proved nothing. */
    private int busyConfirmations;

    void add(WatchedDirectory parent, String name, boolean report) {
        pending.add(new Pending(parent, name, report, 0, 0));
    }

    /** Adds {@code dir} to reconcile, unless it is there already. */
    void reconcile(WatchedDirectory dir) {
        if (toReconcile.add(dir)) {
            pending.add(new Pending(dir, null, false, 0, 0));
        }
    }

    /** The place of {@code dir} in the model is to be confirmed once the model has taken in every event. */
    void confirm(WatchedDirectory dir) {
        toConfirm.add(dir);
    }

    void homeless(WatchedDirectory dir) {
        homeless.add(dir);
    }

    /** @return the homeless directories, leaving none */
    List<WatchedDirectory> takeHomeless() {
        List<WatchedDirectory> taken = homeless;
        homeless = new ArrayList<>();
        return taken;
    }

    /** @return whether a directory is to be reconciled, which may find a homeless one */
    boolean reconciles() {
        return !toReconcile.isEmpty();
    }

    boolean isEmpty() {
        return pending.isEmpty() && toConfirm.isEmpty() && homeless.isEmpty();
    }

    /** @return the directories to confirm, leaving none; those not confirmed are added back by {@link #unconfirmed} */
    Set<WatchedDirectory> takeConfirmations() {
        Set<WatchedDirectory> taken = toConfirm;
        toConfirm = new LinkedHashSet<>();
        return taken;
    }

    /**
     * Confirming {@code dirs} found events queued meanwhile: they are confirmed again later.
     *
     * @return false once that has happened {@link #MAX_BUSY_ATTEMPTS} times in a row
     */
    boolean unconfirmed(Set<WatchedDirectory> dirs) {
        toConfirm.addAll(dirs);
        return ++busyConfirmations < MAX_BUSY_ATTEMPTS;
    }

    /** Every place was confirmed. */
    void confirmed() {
        busyConfirmations = 0;
    }

    /** @return what was pending, leaving nothing; what fails again is added back with {@link #retry} */
    List<Pending> takeAll() {
        List<Pending> taken = pending;
        pending = new ArrayList<>();
        toReconcile.clear();
        return taken;
    }

    /**
     * @param busy whether it failed because events were queued meanwhile, rather than because a path was stale
     * @return whether it is added back; false once it has failed {@link #MAX_ATTEMPTS} times on a stale path, or
     * {@link #MAX_BUSY_ATTEMPTS} times on a busy tree
     */
    boolean retry(Pending failed, boolean busy) {
        int attempts = failed.attempts() + (busy ? 0 : 1);
        int busyAttempts = failed.busyAttempts() + (busy ? 1 : 0);
        if (attempts >= MAX_ATTEMPTS || busyAttempts >= MAX_BUSY_ATTEMPTS) {
            return false;
        }
        pending.add(new Pending(failed.parent(), failed.name(), failed.report(), attempts, busyAttempts));
        if (failed.name() == null) {
            toReconcile.add(failed.parent());
        }
        return true;
    }

    void clear() {
        pending.clear();
        toReconcile.clear();
        toConfirm.clear();
        homeless.clear();
        busyConfirmations = 0;
    }
}
