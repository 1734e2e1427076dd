package dev.nativewatch.tck;

/** The extended event kinds the suite knows how to provoke; an implementation maps each to its own kind object. */
public enum ExtendedKind {
    RENAME_FROM, RENAME_TO, ATTRIBUTES, SIZE, LAST_WRITE, LAST_ACCESS, CREATION_TIME, SECURITY
}
