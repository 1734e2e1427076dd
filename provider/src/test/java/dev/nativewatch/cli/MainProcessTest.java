package dev.nativewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command as a real process, stopped the way a user stops it. */
class MainProcessTest {

    private static final long DEADLINE_SECONDS = 60;
    /** A Linux pipe holds 64 KiB; a little less than that waiting means the writer is blocked or about to be. */
    private static final int PIPE_FULL = 60 * 1024;

    @TempDir
    Path dir;

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is not SIGTERM on Windows")
    void sigtermClosesTheWatcherAndExitsZero() throws Exception {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What the executable jar's manifest grants (Enable-Native-Access): without it JDK 24+ prints
                // JNA's restricted-method warning before the start line. JDK 17 accepts the option too.
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "-Ddev.nativewatch.polling.intervalMillis=100",
                Main.class.getName(), "-r", dir.toString()))
                .start();
        BlockingQueue<String> out = lines(process.getInputStream());
        BlockingQueue<String> err = lines(process.getErrorStream());
        try {
            String started = err.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertTrue(started != null && started.startsWith("nativewatch: watching "), "start line: " + started);
            Files.createDirectories(dir.resolve("a")).resolve("b.txt").toFile().createNewFile();
            String expected = dir.resolve("a").resolve("b.txt").toString();
            String line;
            do {
                line = out.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
            } while (line != null && !line.contains("ENTRY_CREATE " + expected));
            assertTrue(line != null, "no ENTRY_CREATE line for " + expected);

            process.destroy();
            assertTrue(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "the watcher did not stop");
            assertEquals(0, process.exitValue(), "stderr: " + err);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is not SIGTERM on Windows")
    void sigtermWhileStandardOutputIsBlockedStillExitsZero() throws Exception {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), dir.toString()))
                .start();
        BlockingQueue<String> err = lines(process.getErrorStream());
        try {
            String started = err.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertTrue(started != null && started.startsWith("nativewatch: watching "), "start line: " + started);
            // Standard output is never read: once the pipe is full, the watcher's next write blocks.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            for (int i = 0; process.getInputStream().available() < PIPE_FULL; i++) {
                assertTrue(System.nanoTime() < deadline, "the pipe never filled: "
                        + process.getInputStream().available() + " bytes; stderr: " + err);
                Files.createFile(dir.resolve("a-file-with-a-long-name-to-fill-the-pipe-sooner-" + i));
            }
            for (int i = 0; i < 100; i++) {
                Files.createFile(dir.resolve("more-" + i)); // taken by the loop, which cannot print them
            }

            // Not Process.destroy(), which also closes this side's pipes: the write would then fail, not block.
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
            assertTrue(kill.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill failed");
            assertTrue(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "the watcher did not stop");
            assertEquals(0, process.exitValue(), "stderr: " + err);
        } finally {
            process.destroyForcibly();
        }
    }

    private static BlockingQueue<String> lines(java.io.InputStream stream) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
