package dev.nativewatch.backend;

/**
 * Receives the listings of a tree that a backend makes anyway while it adds its watches, so that a registration
 * that keeps a scan of its tree ({@code RESCAN_ON_OVERFLOW}) need not walk the tree a second time. The entries of
 * one directory are handed over together, and every directory after the one that holds it; a directory is listed
 * at most once. Called on the poller thread, while {@link WatchEngine#watch(java.nio.file.Path, WatchSpec,
 * ChangeSink, TreeListing)} runs.
 */
public interface TreeListing {

    /** The index of the registered directory itself. */
    int ROOT = 0;

    /** The entries handed over from now on are those of {@code directory}: {@link #ROOT}, or an entry's index. */
    void listing(int directory);

    /**
     * @param name the entry's name as the JDK's {@code Path} of it would print it; a name that does not decode
     *             exactly cannot be handed over (the walk {@linkplain #abandon abandons} the listing instead)
     * @return the entry's index
     */
    int entry(String name, ListedEntry entry);

    /**
     * A subdirectory, whose status comes later, read through its own descriptor once the walk has opened it: the
     * walk opens every subdirectory anyway, and reading an open directory costs less than looking its name up.
     *
     * @return the entry's index, for {@link #opened}
     */
    int directory(String name);

    /** The status of a subdirectory handed over by {@link #directory}, which must be a directory. */
    void opened(int directory, ListedEntry entry);

    /** The walk cannot hand over the tree exactly as it listed it: the caller must scan it instead. */
    void abandon(String reason);
}
