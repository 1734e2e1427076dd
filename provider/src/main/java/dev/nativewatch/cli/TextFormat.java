package dev.nativewatch.cli;

/**
 * Lines for people: {@code TIME KIND PATH count=N}. An overflow or an invalid directory gets a short phrase in
 * parentheses where the path would be. Control characters in names print as {@code ?}, as {@code ls -q} does,
 * so that every report stays one line; the JSON format keeps them exactly.
 */
final class TextFormat implements ReportFormat {

    @Override
    public String format(Report report) {
        String time = TIME.format(report.time());
        if (report instanceof Report.Event event) {
            return time + " " + event.kind() + " " + printable(event.path()) + " count=" + event.count();
        } else if (report instanceof Report.Overflow overflow) {
            return time + " OVERFLOW (events lost under " + printable(overflow.directory()) + ") count="
                    + overflow.count();
        } else {
            return time + " INVALID (" + printable(report.directory()) + " is no longer watched)";
        }
    }

    private static String printable(String text) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                result.append('?');
            } else {
                result.appendCodePoint(c);
            }
        });
        return result.toString();
    }
}
