package dev.nativewatch.tck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's summary names the runtime that ran each column, however the columns were merged. */
class TckReportListenerTest {

    private static final String WINDOWS_17 = "Java 17.0.17, Windows 10 amd64";
    private static final String LINUX_25 = "Java 25.0.3, Linux amd64";

    @Test
    void eachColumnNamesTheRuntimeThatRanIt(@TempDir Path base) throws IOException {
        TckReportListener.merge(base, Map.of("windows-jvm", Map.of("Close.idempotent",
                row("Close.idempotent", "pass", WINDOWS_17))));
        TckReportListener.merge(base, Map.of("linux", Map.of("Close.idempotent",
                row("Close.idempotent", "pass", LINUX_25))));

        assertEquals("| linux | 1 | 0 | 0 | 0 | 0 | " + LINUX_25 + " |", summaryLine(base, "linux"));
        assertEquals("| windows-jvm | 1 | 0 | 0 | 0 | 0 | " + WINDOWS_17 + " |", summaryLine(base, "windows-jvm"));
    }

    @Test
    void aColumnRunOnTwoRuntimesCountsTheChecksOfEach(@TempDir Path base) throws IOException {
        TckReportListener.merge(base, Map.of("linux", Map.of(
                "Close.idempotent", row("Close.idempotent", "pass", WINDOWS_17),
                "Close.wakes", row("Close.wakes", "pass", WINDOWS_17))));
        // A later run of one check replaces its row, runtime included.
        TckReportListener.merge(base, Map.of("linux", Map.of("Close.wakes", row("Close.wakes", "FAIL", LINUX_25))));

        assertEquals("| linux | 1 | 1 | 0 | 0 | 0 | " + WINDOWS_17 + " (1 check); " + LINUX_25 + " (1 check) |",
                summaryLine(base, "linux"));
    }

    @Test
    void rowsOfAnOlderPartialThatNamesNoRuntimeAreCountedAsUnknown(@TempDir Path base) throws IOException {
        Files.createDirectories(base.resolve(TckReportListener.RESULTS));
        Files.writeString(base.resolve(TckReportListener.RESULTS).resolve("old.tsv"),
                "Close.idempotent\tclose\tpass\t\n");
        TckReportListener.merge(base, Map.of("linux", Map.of("Close.wakes", row("Close.wakes", "pass", LINUX_25))));

        assertEquals("| old | 1 | 0 | 0 | 0 | 0 | unknown |", summaryLine(base, "old"));
    }

    private static TckReportListener.Row row(String check, String outcome, String runtime) {
        return new TckReportListener.Row(check, "close", outcome, "", runtime);
    }

    private static String summaryLine(Path base, String implementation) throws IOException {
        return Files.readAllLines(base.resolve(TckReportListener.REPORT)).stream()
                .filter(line -> line.startsWith("| " + implementation + " | ")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line for " + implementation));
    }
}
