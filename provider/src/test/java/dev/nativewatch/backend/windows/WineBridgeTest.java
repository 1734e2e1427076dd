package dev.nativewatch.backend.windows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the tests' Wine bridge copes with Wine ending a helper as it starts: a stand-in for {@code wine} that ends
 * with exit code 1, saying nothing, for its first runs (as a departing Wine server does to a program that
 * connects to it), then runs the real one.
 */
class WineBridgeTest {

    @TempDir
    Path dir;
    WineBridge bridge;
    Path runs;

    @BeforeEach
    void start() throws IOException {
        bridge = WineFixture.bridge();
        // One helper through the real wine, so that Wine is up and kept running in the prefix.
        bridge.open().close();
        runs = dir.resolve("runs");
    }

    @Test
    void aHelperThatWineEndsBeforeItAnswersIsStartedAgain() throws IOException {
        Path wine = wineEndingItsFirstRuns(1);

        try (WineBridgeIo io = WineBridge.startAnswering(wine, bridge.exe(), bridge.prefix())) {
            assertEquals(1, io.stats().ports(), "the helper that was started again answers");
        }
        assertEquals(2, runs(), "started twice");
        assertTrue(Files.readString(WineBridge.log(bridge.prefix())).contains("a helper ended before it answered"),
                "the log says why a helper was started again");
    }

    @Test
    void aHelperIsStartedAFewTimesAtMostThenTheFailureIsThrown() throws IOException {
        Path wine = wineEndingItsFirstRuns(Integer.MAX_VALUE);

        IOException e = assertThrows(IOException.class,
                () -> WineBridge.startAnswering(wine, bridge.exe(), bridge.prefix()));
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertEquals(3, runs());
    }

    /** @return a stand-in for wine that ends with exit code 1 for its first {@code failures} runs, counting runs */
    private Path wineEndingItsFirstRuns(int failures) throws IOException {
        Path realWine = Wine.onPath("wine").orElseThrow();
        Path script = dir.resolve("wine");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "echo run >> '" + runs + "'",
                "if [ \"$(wc -l < '" + runs + "')\" -le " + failures + " ]; then exit 1; fi",
                "exec '" + realWine + "' \"$@\"",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private int runs() throws IOException {
        return Files.readAllLines(runs).size();
    }
}
