package dev.nativewatch;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Leave alone the paths under the registered directory that match one of these globs: an excluded directory
     * is not walked and takes no kernel watch where the backend can avoid one (inotify, polling), and no change of
     * an excluded path, or of anything under an excluded directory, is reported. Each glob has the syntax of
     * {@code FileSystem.getPathMatcher("glob:...")} and is matched against the path relative to the registered
     * directory, so <code>&#42;&#42;/node_modules</code> excludes every {@code node_modules} below the top level,
     * {@code node_modules} the one at the top, and <code>{node_modules,&#42;&#42;/node_modules}</code> both. Registering the
     * directory again replaces the exclusions, as it replaces every other option.
     *
     * @param globs one or more glob patterns
     * @return the modifier
     * @throws NullPointerException     if the array or a glob is null
     * @throws IllegalArgumentException if no glob is given, a glob is empty, or a glob is not valid syntax
     */
    public static Exclude exclude(String... globs) {
        Objects.requireNonNull(globs, "globs");
        if (globs.length == 0) {
            throw new IllegalArgumentException("exclude needs at least one glob");
        }
        List<String> checked = new ArrayList<>(globs.length);
        for (String glob : globs) {
            Objects.requireNonNull(glob, "glob");
            if (glob.isEmpty()) {
                throw new IllegalArgumentException("empty exclude glob");
            }
            // Fails now, in the caller's hands, rather than at registration; PatternSyntaxException is an IAE.
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            checked.add(glob);
        }
        return new Exclude(List.copyOf(checked), null);
    }

    /**
     * Like {@link #exclude(String...)}, with a matcher of the caller's: it is given paths relative to the
     * registered directory, of the registered directory's file system. Two such modifiers are equal only when they
     * hold the same matcher instance.
     *
     * @param matcher the matcher
     * @return the modifier
     * @throws NullPointerException if {@code matcher} is null
     */
    public static Exclude exclude(PathMatcher matcher) {
        return new Exclude(List.of(), Objects.requireNonNull(matcher, "matcher"));
    }

    /** The modifier made by {@link #exclude(String...)} or {@link #exclude(PathMatcher)}. */
    public static final class Exclude implements WatchEvent.Modifier {
        private final List<String> globs;
        private final PathMatcher matcher;

        private Exclude(List<String> globs, PathMatcher matcher) {
            this.globs = globs;
            this.matcher = matcher;
        }

        /** {@return the globs, empty for a matcher's modifier} */
        public List<String> globs() {
            return globs;
        }

        /** {@return the caller's matcher, if the modifier was made with one} */
        public Optional<PathMatcher> matcher() {
            return Optional.ofNullable(matcher);
        }

        @Override
        public String name() {
            return "EXCLUDE";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Exclude that && that.globs.equals(globs) && that.matcher == matcher;
        }

        @Override
        public int hashCode() {
            return globs.hashCode() * 31 + System.identityHashCode(matcher);
        }

        @Override
        public String toString() {
            return "EXCLUDE(" + (matcher != null ? matcher : String.join(", ", globs)) + ")";
        }
    }

    /** The modifier made by {@link #bufferSize(int)}. */
    public static final class BufferSize implements WatchEvent.Modifier {
        private final int bytes;

        private BufferSize(int bytes) {
            this.bytes = bytes;
        }

        /** {@return the requested buffer size in bytes, always positive} */
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
