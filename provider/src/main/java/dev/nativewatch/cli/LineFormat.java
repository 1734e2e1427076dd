package dev.nativewatch.cli;

import java.io.File;
import java.time.format.DateTimeFormatter;

/**
 * Lines in the user's own format ({@code --format}), with inotifywait's placeholders where they mean the same:
 * {@code %T} the time, {@code %e} the kind, {@code %w} the watched directory as typed with a trailing separator,
 * {@code %f} the path relative to it (empty for OVERFLOW and INVALID), {@code %c} the count, {@code %%} a percent
 * sign. Control characters in names print as {@code ?} unless lines end with NUL, where they cannot be mistaken
 * for the end of a line.
 */
final class LineFormat implements ReportFormat {

    private static final String PLACEHOLDERS = "%T, %e, %w, %f, %c, %%";

    private final String format;
    private final DateTimeFormatter time;
    private final boolean raw;

    LineFormat(String format, DateTimeFormatter time, boolean raw) {
        this.format = check(format);
        this.time = time;
        this.raw = raw;
    }

    /**
     * @return the format, if every % starts a known placeholder
     * @throws IllegalArgumentException otherwise
     */
    static String check(String format) {
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) == '%') {
                char next = i + 1 < format.length() ? format.charAt(i + 1) : 0;
                if ("Tewfc%".indexOf(next) < 0 || next == 0) {
                    throw new IllegalArgumentException("--format: '%" + (next == 0 ? "" : String.valueOf(next))
                            + "' is no placeholder; known: " + PLACEHOLDERS);
                }
                i++;
            }
        }
        return format;
    }

    @Override
    public String format(Report report) {
        String kind;
        String relative = "";
        int count = 1;
        if (report instanceof Report.Event event) {
            kind = event.kind();
            relative = event.relative();
            count = event.count();
        } else if (report instanceof Report.Overflow overflow) {
            kind = "OVERFLOW";
            count = overflow.count();
        } else {
            kind = "INVALID";
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                line.append(c);
                continue;
            }
            char placeholder = format.charAt(++i);
            switch (placeholder) {
                case 'T' -> line.append(time.format(report.time()));
                case 'e' -> line.append(kind);
                case 'w' -> line.append(name(withSeparator(report.directory())));
                case 'f' -> line.append(name(relative));
                case 'c' -> line.append(count);
                default -> line.append('%');
            }
        }
        return line.toString();
    }

    private String name(String text) {
        return raw ? text : Printable.masked(text);
    }

    /** The directory as inotifywait's %w gives it, so that %w%f is a path. */
    private static String withSeparator(String directory) {
        return directory.endsWith(File.separator) || directory.endsWith("/") ? directory : directory + File.separator;
    }
}
