package dev.nativewatch.backend;

/**
 * A change class as a backend observes it, before it is translated into the event kinds a key registered.
 * The modify-class members mirror {@code ReadDirectoryChangesW}'s notify filters.
 */
public enum Change {
    /** An entry appeared (created, linked, or moved in from outside the watched scope). */
    CREATED,
    /** An entry disappeared (deleted, or moved out of the watched scope). */
    DELETED,
    /** Some modify-class change whose class the backend cannot tell (the JDK's {@code FILE_ACTION_MODIFIED}). */
    MODIFIED,
    ATTRIBUTES,
    SIZE,
    LAST_WRITE,
    LAST_ACCESS,
    CREATION_TIME,
    SECURITY;

    /** @return whether this change class is one of the modify classes (everything but CREATED and DELETED) */
    public boolean isModification() {
        return this != CREATED && this != DELETED;
    }
}
