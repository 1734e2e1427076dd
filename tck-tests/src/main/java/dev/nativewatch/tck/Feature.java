package dev.nativewatch.tck;

/** Optional capabilities beyond the JDK's contract. A check that needs one an implementation lacks is n/a. */
public enum Feature {
    /** A modifier that watches the whole tree, with multi-name relative contexts such as {@code a/b/c/foo}. */
    SUBTREE,
    /** One event kind per change class: attributes, size, last write, last access, creation time. */
    EXTENDED_KINDS,
    /** A rename inside the watched scope reported as an adjacent (from, to) pair of kinds. */
    RENAME_PAIRING,
    /** Changes of permissions, owner or ACL reported under their own kind. */
    SECURITY_EVENTS,
    /** A modifier after which an overflow is followed by the changes it dropped, found by a rescan. */
    RESCAN_ON_OVERFLOW,
    /** A modifier made from globs, matched against paths relative to the registered directory, whose matches are not reported. */
    EXCLUSION
}
