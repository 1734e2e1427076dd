package dev.nativewatch.backend.windows;

/** One open directory handle of a watch: its filter, its own completion key, and the state of its one read. */
final class NotifyHandle {

    final WindowsWatch watch;
    final NotifyFilters.Group group;
    final long key;
    final long handle;
    final boolean subtree;
    int bufferSize;
    boolean readPending;
    boolean closed;
    /** Released by a re-specify: what its last read still carries is reported, overflow included. */
    boolean keepLate;

    NotifyHandle(WindowsWatch watch, NotifyFilters.Group group, long key, long handle, boolean subtree,
                 int bufferSize) {
        this.watch = watch;
        this.group = group;
        this.key = key;
        this.handle = handle;
        this.subtree = subtree;
        this.bufferSize = bufferSize;
    }

    @Override
    public String toString() {
        return "NotifyHandle[key " + key + ", filter 0x" + Integer.toHexString(group.filter()) + "]";
    }
}
