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
     * Reads the status of the entry {@code kernelName} of the directory open at {@code fd}.
     *
     * @return its status; null if it is gone, or if the listing is (or now has been) abandoned
     */
    ListedEntry statusOf(int fd, String kernelName) {
        if (abandoned) {
            return null;
        }
        try {
            return engine.api().statusOf(fd, kernelName, engine.statusBuffer());
        } catch (InotifyException | LinkageError e) {
            abandon("cannot read the status of " + TreeWalker.printable(kernelName) + ": " + e);
            return null;
        }
    }

    /** @return the index of the entry, or -1 if the listing is (or now has been) abandoned */
    int record(String kernelName, ListedEntry status) {
        String name = exactName(kernelName);
        return name == null ? -1 : listing.entry(name, status);
    }

    /** @return the index of a subdirectory whose status is read once it is {@link #opened}, or -1 if abandoned */
    int recordDirectory(String kernelName) {
        String name = exactName(kernelName);
        return name == null ? -1 : listing.directory(name);
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
