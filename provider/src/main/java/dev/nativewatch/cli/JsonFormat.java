package dev.nativewatch.cli;

/**
 * One JSON object per line: {@code time}, {@code kind}, {@code dir} and, by kind, {@code path} and
 * {@code count} (events), {@code count} (OVERFLOW) or {@code message} (INVALID).
 */
final class JsonFormat implements ReportFormat {

    @Override
    public String format(Report report) {
        StringBuilder line = new StringBuilder("{\"time\":").append(Json.quote(TIME.format(report.time())));
        if (report instanceof Report.Event event) {
            field(line, "kind", event.kind());
            field(line, "dir", event.directory());
            field(line, "path", event.path());
            line.append(",\"count\":").append(event.count());
        } else if (report instanceof Report.Overflow overflow) {
            field(line, "kind", "OVERFLOW");
            field(line, "dir", overflow.directory());
            line.append(",\"count\":").append(overflow.count());
        } else {
            field(line, "kind", "INVALID");
            field(line, "dir", report.directory());
            field(line, "message", "no longer watched");
        }
        return line.append('}').toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(',').append(Json.quote(name)).append(':').append(Json.quote(value));
    }
}
