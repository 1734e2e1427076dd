package dev.nativewatch.backend.linux;

/**
 * One decoded {@code struct inotify_event}.
 *
 * @param wd     the watch descriptor the event belongs to; -1 for {@code IN_Q_OVERFLOW}
 * @param mask   the event bits, and {@code IN_ISDIR} when the entry is a directory
 * @param cookie the same, non-zero value on the two halves of a rename
 * @param name   the entry's name inside the watched directory, or null for an event on the directory itself
 */
record InotifyEvent(int wd, int mask, int cookie, String name) {

    /** @return whether any of the given bits is set */
    boolean has(int bits) {
        return (mask & bits) != 0;
    }

    boolean isDirectory() {
        return has(InotifyApi.IN_ISDIR);
    }

    @Override
    public String toString() {
        return "InotifyEvent[wd=" + wd + ", mask=0x" + Integer.toHexString(mask) + ", cookie=" + cookie
                + ", name=" + name + "]";
    }
}
