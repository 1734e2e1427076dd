package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.WatchLimitException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's per-user inotify limits, read from {@code /proc/sys/fs/inotify} only to explain a failure, and the
 * messages that explain them.
 */
final class InotifyLimits {

    static final String MAX_USER_WATCHES = "max_user_watches";
    static final String MAX_USER_INSTANCES = "max_user_instances";
    static final String MAX_QUEUED_EVENTS = "max_queued_events";

    private static final Path DIRECTORY = Path.of("/proc/sys/fs/inotify");

    private InotifyLimits() {
    }

    /** @return the limit's current value, or "unknown" if it cannot be read */
    static String current(String limit) {
        // One buffered read: these files answer only a read at offset 0 (a byte-at-a-time reader sees "1" of
        // "16384").
        try (BufferedReader reader = Files.newBufferedReader(DIRECTORY.resolve(limit), StandardCharsets.US_ASCII)) {
            String line = reader.readLine();
            return line == null ? "unknown" : line.trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The message for ENOSPC from {@code inotify_add_watch}: the watch table of this user is full. */
    static IOException watchesExhausted(String directory, InotifyException cause) {
        String value = current(MAX_USER_WATCHES);
        return new WatchLimitException("cannot watch " + directory + ": the inotify watch limit of this user, "
                + "fs.inotify.max_user_watches = " + value + ", has been reached (each watched directory takes one "
                + "watch); raise it with 'sysctl fs.inotify.max_user_watches=" + suggestion(value, 524288) + "' "
                + "and keep it across reboots in /etc/sysctl.d/ [" + cause.getMessage() + "]", cause);
    }

    /** The message for EMFILE from {@code inotify_init1}: too many inotify instances, or too many descriptors. */
    static IOException instancesExhausted(InotifyException cause) {
        String value = current(MAX_USER_INSTANCES);
        IOException e = new IOException("cannot create an inotify instance: either the inotify instance limit of "
                + "this user, fs.inotify.max_user_instances = " + value + ", has been reached (raise it with "
                + "'sysctl fs.inotify.max_user_instances=" + suggestion(value, 1024) + "'), or this process has "
                + "run out of file descriptors (ulimit -n) [" + cause.getMessage() + "]");
        e.initCause(cause);
        return e;
    }

    private static String suggestion(String current, long floor) {
        try {
            return Long.toString(Math.max(floor, Long.parseLong(current) * 2));
        } catch (NumberFormatException e) {
            return Long.toString(floor);
        }
    }
}
