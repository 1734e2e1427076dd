package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ListedEntry;
import dev.nativewatch.backend.TreeListing;

/**
 * Hands what a registering walk lists to a {@link TreeListing}: every entry with its status, read through the
 * descriptor of the directory being listed, and its name as the JDK prints it. What the walk cannot hand over
 * exactly (a name that does not decode exactly, an entry whose status cannot be read, a directory it does not
 * enter) abandons the listing, once; the walk itself goes on as without it. Confined to the poller thread.
 */
final class WalkListing {

    private static final System.Logger LOG = System.getLogger(WalkListing.class.getName());

    private final TreeListing listing;
    private final InotifyEngine engine;
    private boolean abandoned;

    WalkListing(TreeListing listing, InotifyEngine engine) {
        this.listing = listing;
        this.engine = engine;
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** The entries recorded next are those of {@code directory}, a {@link TreeListing} index. */
    void startDirectory(int directory) {
        if (!abandoned) {
            listing.listing(directory);
        }
    }

    /**
     * What recording a listed entry did: its index in the listing (-1 if none), whether its status is still to be
     * read once the walk has opened it, and what its status says it is (null if no status was read).
     */
    record Recorded(int entry, boolean statusPending, EntryKind kind) {
        /** Nothing recorded; the listing's own word on the entry's kind stands. */
        static final Recorded NOTHING = new Recorded(-1, false, null);
        /** The entry was gone when its status was read. */
        static final Recorded GONE = new Recorded(-1, false, null);

        /** @return what the entry is: what its status says, else {@code listed} */
        EntryKind kindOr(EntryKind listed) {
            return kind != null ? kind : listed;
        }
    }

    /**
     * Records the entry {@code kernelName} of the directory open at {@code fd}, which the listing gives as
     * {@code listed}. A subdirectory's status is read once the walk has opened it ({@link #opened}), through its
     * own descriptor; any other entry's now, by name.
     */
    Recorded record(int fd, String kernelName, EntryKind listed) {
        if (abandoned) {
            return Recorded.NOTHING;
        }
        if (listed == EntryKind.DIRECTORY) {
            String name = exactName(kernelName);
            return name == null ? Recorded.NOTHING : new Recorded(listing.directory(name), true, null);
        }
        ListedEntry status;
        try {
            status = engine.api().statusOf(fd, kernelName, engine.statusBuffer());
        } catch (InotifyException | LinkageError e) {
            abandon("cannot read the status of " + TreeWalker.printable(kernelName) + ": " + e);
            return Recorded.NOTHING;
        }
        if (status == null) {
            return Recorded.GONE;
        }
        String name = exactName(kernelName);
        EntryKind kind = status.directory() ? EntryKind.DIRECTORY : EntryKind.OTHER;
        return new Recorded(name == null ? -1 : listing.entry(name, status), false, kind);
    }

    /** @return the name as the JDK prints it; null if the listing is (or now has been) abandoned */
    private String exactName(String kernelName) {
        if (abandoned) {
            return null;
        }
        String name = FileNames.exactName(kernelName);
        if (name == null) {
            abandon("the name " + TreeWalker.printable(kernelName) + " does not decode exactly");
        }
        return name;
    }

    /** Reads the status of the subdirectory {@code directory}, now open at {@code fd}. */
    void opened(int directory, int fd) {
        if (abandoned) {
            return;
        }
        ListedEntry status;
        try {
            status = engine.api().statusOfOpen(fd, engine.statusBuffer());
        } catch (InotifyException | LinkageError e) {
            abandon("cannot read the status of an open directory: " + e);
            return;
        }
        if (status == null) {
            abandon("an open directory has no status");
            return;
        }
        listing.opened(directory, status);
    }

    void abandon(String reason) {
        if (!abandoned) {
            abandoned = true;
            LOG.log(System.Logger.Level.DEBUG, () -> "the walk's listing is abandoned: " + reason);
            listing.abandon(reason);
        }
    }
}
