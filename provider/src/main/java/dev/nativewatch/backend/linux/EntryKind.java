package dev.nativewatch.backend.linux;

/** What a directory listing says about an entry's type, without reading the entry's attributes. */
enum EntryKind {
    DIRECTORY,
    /** A regular file, a symbolic link, a device, a socket or a pipe. */
    OTHER,
    /** The file system does not record types in its directories ({@code DT_UNKNOWN}): only a lookup can tell. */
    UNKNOWN;

    private static final int DT_UNKNOWN = 0;
    private static final int DT_DIR = 4;

    /** @return the kind a {@code d_type} value of {@code getdents64} stands for */
    static EntryKind ofDirentType(int dType) {
        return switch (dType) {
            case DT_DIR -> DIRECTORY;
            case DT_UNKNOWN -> UNKNOWN;
            default -> OTHER;
        };
    }

    /** @return whether the entry may be a directory, so that a walk has to try it */
    boolean mayBeDirectory() {
        return this != OTHER;
    }
}
