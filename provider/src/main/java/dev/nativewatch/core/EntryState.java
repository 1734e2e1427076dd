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
                         FileTime creation, Object attributes, Object security) {

    /** @return whether {@code other} is no longer the same entry: another file, or a file turned directory */
    boolean replacedBy(EntryState other) {
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
