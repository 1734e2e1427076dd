package dev.nativewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command-line watcher, started as a user starts it ({@code java -jar}): the first thing it prints
 * is its start line, with no JVM warning before it (JDK 24+ warns about JNA's native calls unless the jar's
 * manifest enables native access).
 */
class ExecutableJarIT {

    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void startsWithoutAnyWarning() throws Exception {
        Path jar = Path.of(System.getProperty("dev.nativewatch.cliJar", "target/nativewatch.jar"));
        assertTrue(Files.isRegularFile(jar), "the executable jar was not built: " + jar.toAbsolutePath());
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), dir.toString()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("nativewatch: watching "),
                    "expected the start line first, got: " + first);
            process.destroy();
            assertTrue(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "the watcher did not stop");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
