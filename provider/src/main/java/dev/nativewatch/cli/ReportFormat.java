package dev.nativewatch.cli;

import java.time.format.DateTimeFormatter;

/** Turns a report into the one line printed for it, without the line separator. */
interface ReportFormat {

    /** ISO-8601 local date and time with milliseconds, such as {@code 2024-05-01T09:03:04.005}. */
    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    String format(Report report);

    static ReportFormat of(Options options) {
        return options.json() ? new JsonFormat() : new TextFormat();
    }
}
