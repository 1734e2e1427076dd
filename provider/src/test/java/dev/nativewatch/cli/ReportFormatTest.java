package dev.nativewatch.cli;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected JSON is written out by hand from RFC 8259, section 7: quote and backslash are escaped, control
 * characters U+0000 to U+001F must be escaped (the two-character forms where JSON has one), and a character
 * beyond the BMP is escaped as its UTF-16 surrogate pair, as in the RFC's own example for U+1D11E.
 */
class ReportFormatTest {

    /** 2024-05-01 09:03:04 and 5 milliseconds. */
    private static final LocalDateTime TIME = LocalDateTime.of(2024, 5, 1, 9, 3, 4, 5_000_000);

    private final ReportFormat text = new TextFormat();
    private final ReportFormat json = new JsonFormat();

    @Test
    void textEvent() {
        assertEquals("2024-05-01T09:03:04.005 ENTRY_CREATE src/a/b.txt count=1",
                text.format(new Report.Event(TIME, "ENTRY_CREATE", "src", "src/a/b.txt", 1)));
    }

    @Test
    void textEventWithCount() {
        assertEquals("2024-05-01T09:03:04.005 ENTRY_MODIFY src/a count=3",
                text.format(new Report.Event(TIME, "ENTRY_MODIFY", "src", "src/a", 3)));
    }

    @Test
    void textOverflow() {
        assertEquals("2024-05-01T09:03:04.005 OVERFLOW (events lost under src) count=7",
                text.format(new Report.Overflow(TIME, "src", 7)));
    }

    @Test
    void textInvalid() {
        assertEquals("2024-05-01T09:03:04.005 INVALID (src is no longer watched)",
                text.format(new Report.Invalid(TIME, "src")));
    }

    @Test
    void textKeepsOneLinePerEventAndNonAsciiAsIs() {
        assertEquals("2024-05-01T09:03:04.005 ENTRY_CREATE src/a?b?c\u00e9 count=1",
                text.format(new Report.Event(TIME, "ENTRY_CREATE", "src", "src/a\nb\rc\u00e9", 1)));
    }

    @Test
    void timeHasMillisecondsEvenWhenZero() {
        assertEquals("2024-12-31T23:59:00.000 INVALID (d is no longer watched)",
                text.format(new Report.Invalid(LocalDateTime.of(2024, 12, 31, 23, 59), "d")));
    }

    @Test
    void jsonEvent() {
        assertEquals("{\"time\":\"2024-05-01T09:03:04.005\",\"kind\":\"ENTRY_CREATE\",\"dir\":\"src\","
                        + "\"path\":\"src/a/b.txt\",\"count\":1}",
                json.format(new Report.Event(TIME, "ENTRY_CREATE", "src", "src/a/b.txt", 1)));
    }

    @Test
    void jsonOverflowHasNoPath() {
        assertEquals("{\"time\":\"2024-05-01T09:03:04.005\",\"kind\":\"OVERFLOW\",\"dir\":\"src\",\"count\":7}",
                json.format(new Report.Overflow(TIME, "src", 7)));
    }

    @Test
    void jsonInvalid() {
        assertEquals("{\"time\":\"2024-05-01T09:03:04.005\",\"kind\":\"INVALID\",\"dir\":\"src\","
                        + "\"message\":\"no longer watched\"}",
                json.format(new Report.Invalid(TIME, "src")));
    }

    @Test
    void jsonEscapesQuotesAndBackslashes() {
        // Path: say "hi"\there  ->  JSON: "say \"hi\"\\there"
        String line = json.format(new Report.Event(TIME, "ENTRY_CREATE", "d", "say \"hi\"\\there", 1));

        assertTrue(line.contains("\"path\":\"say \\\"hi\\\"\\\\there\""), line);
    }

    @Test
    void jsonEscapesControlCharacters() {
        String path = "a\nb\rc\td\be\ff\u0000g\u001fh\u007fi";
        // LF, CR, tab, backspace and form feed have two-character forms; U+0000 and U+001F need the six-character
        // form; U+007F may be escaped or not.
        String expected = "\"a\\nb\\rc\\td\\be\\ff\\u0000g\\u001fh\\u007fi\"";

        String line = json.format(new Report.Event(TIME, "ENTRY_CREATE", "d", path, 1));

        assertTrue(line.contains("\"path\":" + expected + ","), line);
    }

    @Test
    void jsonEscapesNonAsciiAsUtf16() {
        // e-acute U+00E9, CJK U+6C34, and G clef U+1D11E, which RFC 8259 section 7 escapes as D834 DD1E.
        String path = "caf\u00e9/\u6c34/\uD834\uDD1E";
        String expected = "\"caf\\u00e9/\\u6c34/\\ud834\\udd1e\"";

        String line = json.format(new Report.Event(TIME, "ENTRY_CREATE", "d", path, 1));

        assertTrue(line.contains("\"path\":" + expected + ","), line);
    }

    @Test
    void jsonLineIsPrintableAsciiWhateverTheName() {
        String line = json.format(new Report.Event(TIME, "ENTRY_CREATE", "d\u00e9\n",
                "d\u00e9\n/\u0000\u2028\uD83D\uDE00\"\\", 1));

        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), line);
        assertTrue(line.contains("\"dir\":\"d\\u00e9\\n\""), line);
    }
}
