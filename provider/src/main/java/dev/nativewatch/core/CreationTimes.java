package dev.nativewatch.core;

import dev.nativewatch.backend.ListedEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What the JDK running gives as a file's creation time where the file system keeps a birth time: the birth time,
 * or the last-modified time. Releases differ here, and so do updates of one release (a Linux JDK 17 update may read
 * birth times where an earlier one did not), so it is learnt once, from an entry whose two times differ, by asking
 * the JDK for that entry's creation time. Until then an entry whose times differ cannot be given one.
 */
final class CreationTimes {

    /** Null while not learnt. */
    private static volatile Boolean jdkReadsBirth;

    private CreationTimes() {
    }

    /** @return whether {@link #of} can answer for this entry */
    static boolean known(ListedEntry entry) {
        return !entry.hasBirth() || entry.birthNanos() == entry.modifiedNanos() || jdkReadsBirth != null;
    }

    /** @return the creation time the JDK would read for the entry; only where {@link #known} */
    static long of(ListedEntry entry) {
        return entry.hasBirth() && Boolean.TRUE.equals(jdkReadsBirth) ? entry.birthNanos() : entry.modifiedNanos();
    }

    /**
     * Asks the JDK for the creation time of the entry at {@code path}, listed as {@code entry}, whose birth and
     * last-modified times differ.
     *
     * @return whether that taught which of the two it gives; not if the entry changed or vanished since
     */
    static boolean learnFrom(Path path, ListedEntry entry) {
        BasicFileAttributes read;
        try {
            read = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return false;
        }
        long created = read.creationTime().to(TimeUnit.NANOSECONDS);
        if (read.lastModifiedTime().to(TimeUnit.NANOSECONDS) != entry.modifiedNanos()) {
            return false;
        }
        if (created == entry.birthNanos()) {
            jdkReadsBirth = true;
        } else if (created == entry.modifiedNanos()) {
            jdkReadsBirth = false;
        } else {
            return false;
        }
        return true;
    }
}
