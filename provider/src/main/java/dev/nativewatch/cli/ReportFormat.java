package dev.nativewatch.cli;

import java.time.format.DateTimeFormatter;

/** Turns a report into the one line printed for it, without the line separator. */
interface ReportFormat {

    /** ISO-8601 local date and time with milliseconds, such as {@code 2024-05-01T09:03:04.005}. */
    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    String format(Report report);

    /** The format the options ask for: JSON keeps its ISO time, the others follow {@code --timefmt}. */
    static ReportFormat of(Options options) {
        if (options.json()) {
            return new JsonFormat();
        }
        DateTimeFormatter time = options.timeFormat().map(DateTimeFormatter::ofPattern).orElse(TIME);
        return options.format().<ReportFormat>map(f -> new LineFormat(f, time, options.nul()))
                .orElseGet(() -> new TextFormat(time, options.nul()));
    }
}
