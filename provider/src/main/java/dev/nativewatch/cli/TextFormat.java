package dev.nativewatch.cli;

import java.time.format.DateTimeFormatter;

/**
 * Lines for people: {@code TIME KIND PATH count=N}. An overflow or an invalid directory gets a short phrase in
 * parentheses where the path would be. Control characters in names print as {@code ?}, as {@code ls -q} does,
 * so that every report stays one line; the JSON format keeps them exactly.
 */
final class TextFormat implements ReportFormat {

    private final DateTimeFormatter timeFormat;
    private final boolean raw;

    TextFormat() {
        this(TIME, false);
    }

    /**
     * @param timeFormat how the time is printed
     * @param raw        print control characters as they are, where lines end with NUL and cannot be split by them
     */
    TextFormat(DateTimeFormatter timeFormat, boolean raw) {
        this.timeFormat = timeFormat;
        this.raw = raw;
    }

    @Override
    public String format(Report report) {
        String time = timeFormat.format(report.time());
        if (report instanceof Report.Event event) {
            return time + " " + event.kind() + " " + printable(event.path()) + " count=" + event.count();
        } else if (report instanceof Report.Overflow overflow) {
            return time + " OVERFLOW (events lost under " + printable(overflow.directory()) + ") count="
                    + overflow.count();
        } else {
            return time + " INVALID (" + printable(report.directory()) + " is no longer watched)";
        }
    }

    private String printable(String text) {
        return raw ? text : Printable.masked(text);
    }
}
