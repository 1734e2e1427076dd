package dev.nativewatch;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;

/**
 * Event kinds beyond {@link StandardWatchEventKinds}: one per change class that Windows'
 * {@code ReadDirectoryChangesW} can report, plus a rename pair.
 *
 * <p>A registration that names only standard kinds gets exactly the JDK's events: every modify-class change
 * folds into {@code ENTRY_MODIFY} and a rename is {@code ENTRY_DELETE} of the old name followed by
 * {@code ENTRY_CREATE} of the new one. A registered extended kind reports its change class under its own kind,
 * in addition to {@code ENTRY_MODIFY} when that is registered too.
 *
 * <p>Every kind here has context type {@link Path}: the entry's path relative to the registered directory.
 */
public final class ExtendedKinds {

    /**
     * The old name of an entry renamed inside the watched scope. It is immediately followed, on the same key, by
     * {@link #ENTRY_RENAME_TO} with the new name. A rename whose other half lies outside the scope is reported
     * as {@code ENTRY_DELETE} (moved out) or {@code ENTRY_CREATE} (moved in).
     */
    public static final WatchEvent.Kind<Path> ENTRY_RENAME_FROM = new PathKind("ENTRY_RENAME_FROM");

    /** The new name of an entry renamed inside the watched scope; always right after its {@link #ENTRY_RENAME_FROM}. */
    public static final WatchEvent.Kind<Path> ENTRY_RENAME_TO = new PathKind("ENTRY_RENAME_TO");

    /**
     * The entry's attributes changed: DOS attributes (read-only, hidden, system, archive) on Windows; on POSIX
     * systems the inode's metadata (mode, owner, group), as inotify's {@code IN_ATTRIB} sees it.
     */
    public static final WatchEvent.Kind<Path> ENTRY_ATTRIBUTES = new PathKind("ENTRY_ATTRIBUTES");

    /** The entry's size changed. */
    public static final WatchEvent.Kind<Path> ENTRY_SIZE = new PathKind("ENTRY_SIZE");

    /** The entry's last-modified (last-write) time changed. */
    public static final WatchEvent.Kind<Path> ENTRY_LAST_WRITE = new PathKind("ENTRY_LAST_WRITE");

    /**
     * The entry's last-access time changed. Never folded into {@code ENTRY_MODIFY} unless registered, because
     * reading a file would otherwise count as modifying it; mounts with {@code noatime} or {@code relatime}
     * report few or none of these.
     */
    public static final WatchEvent.Kind<Path> ENTRY_LAST_ACCESS = new PathKind("ENTRY_LAST_ACCESS");

    /** The entry's creation time changed. File systems without a settable creation time never report it. */
    public static final WatchEvent.Kind<Path> ENTRY_CREATION_TIME = new PathKind("ENTRY_CREATION_TIME");

    /** The entry's security changed: ACL, owner, group or POSIX permission bits. */
    public static final WatchEvent.Kind<Path> ENTRY_SECURITY = new PathKind("ENTRY_SECURITY");

    private ExtendedKinds() {
    }

    /** A kind whose identity is its instance and whose context is a relative {@link Path}. */
    private static final class PathKind implements WatchEvent.Kind<Path> {
        private final String name;

        PathKind(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<Path> type() {
            return Path.class;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
