package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.WatchEngine;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.Optional;

/**
 * Linux inotify: the kernel reports each change as it happens, one watch per directory (a subtree registration
 * watches every directory under its root, and follows directories as they are created, moved and deleted).
 *
 * <p>Change classes: {@code IN_CREATE}/{@code IN_MOVED_TO} are CREATED, {@code IN_DELETE}/{@code IN_MOVED_FROM}
 * DELETED (or a rename, when the two halves of a move are both in scope and renames are asked for);
 * {@code IN_MODIFY} is SIZE and LAST_WRITE; {@code IN_ACCESS} is LAST_ACCESS; {@code IN_ATTRIB} is ATTRIBUTES, plus
 * SECURITY when mode, owner, group or POSIX access ACL differ from what was last seen, and LAST_WRITE or LAST_ACCESS
 * when a timestamp was set (which the kernel reports as {@code IN_ATTRIB}). Telling those apart needs each entry's
 * attributes from before, so registrations that ask for SECURITY, LAST_WRITE or LAST_ACCESS read the attributes of
 * their directories' entries when they register; a change made in the instant between an entry's creation and the
 * engine reading it may be reported as ATTRIBUTES alone. CREATION_TIME is never reported: Linux has no call that
 * changes a file's birth time. Registrations that name only standard kinds get the JDK's events: the JDK's masks,
 * no events for the watched directory itself, and only direct children unless a subtree is asked for.
 *
 * <p>Lifecycle: {@code IN_Q_OVERFLOW} is an overflow on every watch. Deleting or unmounting a watched directory
 * invalidates its key. Moving it does not: its watch follows it and events keep coming relative to it, while the
 * key's {@code watchable()} keeps the old path, as with the JDK on Linux; directories created under a moved root
 * cannot be watched, since its new path is unknown. inotify watches directories, not paths: a file system mounted
 * on a watched directory later is not seen (the watch stays on the directory underneath), and one unmounted under a
 * subtree is reported as an overflow.
 *
 * <p>Limits: each watched directory takes one of the user's {@code fs.inotify.max_user_watches}, each service one
 * of its {@code fs.inotify.max_user_instances}; reaching either fails with an exception that names it.
 */
public final class InotifyBackend implements Backend {

    private final InotifyApi api;

    public InotifyBackend() {
        this(null);
    }

    /** @param api the system calls to use; null for the real ones */
    InotifyBackend(InotifyApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "inotify";
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return Inotify.unavailabilityReason();
    }

    @Override
    public boolean expectedOnThisPlatform() {
        return Inotify.isLinux();
    }

    /**
     * Only the platform's own file system: its provider has the scheme {@code file} and is not nativewatch's own
     * delegating provider (when nativewatch is installed as the default, the core hands this backend the built-in
     * file system it delegates to).
     */
    @Override
    public boolean supports(FileSystem fileSystem) {
        return "file".equals(fileSystem.provider().getScheme())
                && !fileSystem.provider().getClass().getName().startsWith("dev.nativewatch.");
    }

    /** @throws IOException if inotify cannot run here, or the instance limit is reached */
    @Override
    public WatchEngine newEngine(FileSystem fileSystem) throws IOException {
        if (api != null) {
            return InotifyEngine.open(api);
        }
        if (!Inotify.isAvailable()) {
            throw new IOException("inotify is unavailable: " + unavailabilityReason().orElseThrow(),
                    Inotify.unavailabilityCause());
        }
        return InotifyEngine.open(JnaInotifyApi.INSTANCE);
    }
}
