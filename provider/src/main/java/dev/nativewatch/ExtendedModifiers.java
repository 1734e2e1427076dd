package dev.nativewatch;

import java.nio.file.WatchEvent;

/**
 * Registration modifiers that nativewatch understands in addition to
 * {@code com.sun.nio.file.ExtendedWatchEventModifier.FILE_TREE} and
 * {@code com.sun.nio.file.SensitivityWatchEventModifier}.
 */
public final class ExtendedModifiers {

    /**
     * Watch the whole tree under the registered directory, including directories created or moved in later.
     * Event contexts are then paths relative to the registered directory, such as {@code a/b/c/foo}.
     * {@code ExtendedWatchEventModifier.FILE_TREE} means the same thing, on every platform.
     */
    public static final WatchEvent.Modifier SUBTREE = new NamedModifier("SUBTREE");

    /**
     * After an {@code OVERFLOW} on this key, rescan the watched directory (or tree) and report what differs from
     * the previous scan as ordinary events, so that a consumer which keeps reading learns of every change. The
     * rescan runs once the consumer has retrieved the {@code OVERFLOW} event; changes already delivered before
     * the overflow may be reported again.
     */
    public static final WatchEvent.Modifier RESCAN_ON_OVERFLOW = new NamedModifier("RESCAN_ON_OVERFLOW");

    private ExtendedModifiers() {
    }

    /**
     * Size of the kernel-side change buffer for this registration, where the backend has one (the Windows
     * backend's {@code ReadDirectoryChangesW} buffer; ignored by backends without such a buffer).
     *
     * @param bytes the buffer size in bytes
     * @return the modifier
     * @throws IllegalArgumentException if {@code bytes} is zero or negative
     */
    public static BufferSize bufferSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("buffer size must be positive, was " + bytes);
        }
        return new BufferSize(bytes);
    }

    /** The modifier made by {@link #bufferSize(int)}. */
    public static final class BufferSize implements WatchEvent.Modifier {
        private final int bytes;

        private BufferSize(int bytes) {
            this.bytes = bytes;
        }

        /** @return the requested buffer size in bytes, always positive */
        public int bytes() {
            return bytes;
        }

        @Override
        public String name() {
            return "BUFFER_SIZE";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BufferSize that && that.bytes == bytes;
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BUFFER_SIZE(" + bytes + ")";
        }
    }

    /** A modifier with no parameters, identified by its instance. */
    private static final class NamedModifier implements WatchEvent.Modifier {
        private final String name;

        NamedModifier(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
