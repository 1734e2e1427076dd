package dev.nativewatch.core;

import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What a scan saw of one entry. Fields the scan did not need are null.
 *
 * @param directory    whether the entry is a directory (links are not followed)
 * @param fileKey      the file system's identity of the entry, or null where there is none
 * @param attributes   DOS attribute bits and POSIX mode/owner/group, compared as a whole
 * @param security     POSIX mode/owner/group, owner and ACL, compared as a whole
 */
public record EntryState(boolean directory, Object fileKey, long size, FileTime lastModified, FileTime lastAccess,
                         FileTime creation, Object attributes, Object security, boolean told) {

    /**
     * File system clocks lag the wall clock by up to a scheduler tick: a write just after the consumer was told
     * can carry a time just before it. A change this close to the telling is reported rather than risked.
     */
    private static final long CLOCK_SLACK_MILLIS = 20;

    /** An entry as a scan saw it. */
    public EntryState(boolean directory, Object fileKey, long size, FileTime lastModified, FileTime lastAccess,
                      FileTime creation, Object attributes, Object security) {
        this(directory, fileKey, size, lastModified, lastAccess, creation, attributes, security, false);
    }

    /**
     * An entry the consumer was told of by an event at {@code atMillis}, without its attributes: it counts as
     * modified only if it was written after that.
     */
    static EntryState told(boolean directory, long atMillis) {
        return new EntryState(directory, null, -1, FileTime.fromMillis(atMillis), null, null, null, null, true);
    }

    /** @return whether {@code now} was written after the consumer was told of this entry */
    boolean writtenSinceTold(EntryState now) {
        return now.lastModified != null && now.lastModified.toMillis() > lastModified.toMillis() - CLOCK_SLACK_MILLIS;
    }

    /** @return whether {@code other} is no longer the same entry: another file, or a file turned directory */
    boolean replacedBy(EntryState other) {
        if (told) {
            return false;
        }
        return directory != other.directory || (fileKey != null && !fileKey.equals(other.fileKey));
    }

    /**
     * @return whether the creation time changed. JDK 17 on Linux reports the last-modified time as the creation
     * time; a creation time that mirrors the last-modified time on both sides is not taken as a real one.
     */
    boolean creationChangedTo(EntryState other) {
        if (Objects.equals(creation, other.creation)) {
            return false;
        }
        boolean mirrorsLastModified = Objects.equals(creation, lastModified)
                && Objects.equals(other.creation, other.lastModified);
        return !mirrorsLastModified;
    }
}
