package dev.nativewatch.cli;

import java.time.LocalDateTime;

/** One thing the watcher tells the user: an event, an overflow, or a directory that is no longer watched. */
sealed interface Report permits Report.Event, Report.Overflow, Report.Invalid {

    /** @return when the watcher took the report from its key */
    LocalDateTime time();

    /** @return the watched directory, as the user typed it */
    String directory();

    /**
     * An event on an entry.
     *
     * @param kind  the event kind's name, such as {@code ENTRY_CREATE}
     * @param path     the entry's path: the directory as typed, then the path relative to it
     * @param count    how many times it happened since last reported
     * @param relative the entry's path relative to the directory, as the event's context gives it
     */
    record Event(LocalDateTime time, String kind, String directory, String path, int count, String relative)
            implements Report {

        /** An event whose relative path is what {@code path} adds to {@code directory}. */
        Event(LocalDateTime time, String kind, String directory, String path, int count) {
            this(time, kind, directory, path, count, path.startsWith(directory)
                    ? path.substring(directory.length()).replaceFirst("^[/\\\\]", "") : path);
        }
    }

    /** Events under {@code directory} were lost; {@code count} is the key's overflow count. */
    record Overflow(LocalDateTime time, String directory, int count) implements Report {
    }

    /** The directory is no longer watched: deleted, moved away, unmounted, or its watch failed. */
    record Invalid(LocalDateTime time, String directory) implements Report {
    }
}
