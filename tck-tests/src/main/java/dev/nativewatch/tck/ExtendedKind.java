package dev.nativewatch.tck;

/** The extended event kinds the suite knows how to provoke; an implementation maps each to its own kind object. */
public enum ExtendedKind {
    /** The old name of an entry renamed within the watched scope, reported first. */
    RENAME_FROM,
    /** The new name of an entry renamed within the watched scope, reported right after its RENAME_FROM. */
    RENAME_TO,
    /** A change of attributes: DOS attributes, or a POSIX mode, owner or group. */
    ATTRIBUTES,
    /** A change of size. */
    SIZE,
    /** A change of the last-modified time. */
    LAST_WRITE,
    /** A change of the last-access time. */
    LAST_ACCESS,
    /** A change of the creation time. */
    CREATION_TIME,
    /** A change of the ACL, owner, group or POSIX permissions. */
    SECURITY
}
