package dev.nativewatch.backend.linux;

/**
 * A watched directory that a rename took the name of, held until the registration's next event tells what
 * happened to it. {@code rename(a, b)} onto an empty directory {@code b} replaces it: the kernel deletes it, and its
 * {@code IN_IGNORED} follows. {@code renameat2(a, b, RENAME_EXCHANGE)} swaps the two: the kernel reports it as two
 * renames, {@code a → b} then {@code b → a}, and the second half moves the displaced directory to {@code a}; read
 * naively, it would move the directory just moved to {@code b} back again. Confined to the poller thread.
 *
 * @param dir      the displaced directory, no longer its parent's child
 * @param fromDir  the directory the first rename's entry left
 * @param fromName its name there
 * @param toDir    the directory where it took {@code dir}'s name
 * @param toName   that name
 */
record Displacement(WatchedDirectory dir, WatchedDirectory fromDir, String fromName, WatchedDirectory toDir,
                    String toName) {

    /** @return whether a rename is the second half of the exchange that displaced {@link #dir} */
    boolean completedBy(WatchedDirectory from, String fromEntry, WatchedDirectory to, String toEntry) {
        return from == toDir && fromEntry.equals(toName) && to == fromDir && toEntry.equals(fromName);
    }
}
