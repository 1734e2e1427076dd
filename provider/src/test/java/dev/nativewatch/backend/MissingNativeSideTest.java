package dev.nativewatch.backend;

import dev.nativewatch.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A JVM whose JNA is too old, missing, or denied native access: its watch services fall back to polling, say so
 * in one warning that names the cause and the fix, still report changes, and close.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "inotify, the native backend these cases disable, is Linux's")
class MissingNativeSideTest {

    @TempDir
    Path dir;

    @Test
    void jna580IsRefusedWithItsVersionAndTheMinimumAndCloseReturns() throws Exception {
        Path oldJna = Path.of(System.getProperty("dev.nativewatch.oldJnaDir", "target/old-jna"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(oldJna)) {
            jars = files.filter(f -> f.getFileName().toString().equals("jna-5.8.0.jar")).toList();
        }
        assertEquals(1, jars.size(), "jna 5.8.0 is copied into " + oldJna + " by the build");
        ChildJvm.Result result = ChildJvm.sameJdk().run(withoutJna(jars), ServiceProbeMain.class, dir.toString());

        assertFallsBackToPollingAndCloses(result);
        assertOneWarning(result, "JNA 5.8.0 is too old", JnaSupport.MINIMUM_VERSION);
    }

    @Test
    void noJnaAtAllIsReported() throws Exception {
        ChildJvm.Result result = ChildJvm.sameJdk().run(withoutJna(List.of()), ServiceProbeMain.class,
                dir.toString());

        assertFallsBackToPollingAndCloses(result);
        assertOneWarning(result, "JNA is not on the class path", JnaSupport.MINIMUM_VERSION);
    }

    @Test
    void deniedNativeAccessNamesTheOptionThatGrantsIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "--illegal-native-access=deny exists from JDK 24 on; this is "
                + "JDK " + Runtime.version() + " (CI runs this test on JDK 25)");
        ChildJvm.Result result = ChildJvm.sameJdk().option("--illegal-native-access=deny")
                .run(ChildJvm.classPath(), ServiceProbeMain.class, dir.toString());

        assertFallsBackToPollingAndCloses(result);
        assertOneWarning(result, "denies JNA native access", "--enable-native-access=ALL-UNNAMED");
    }

    /** This JVM's class path with JNA replaced by {@code jna}. */
    private static List<Path> withoutJna(List<Path> jna) {
        return Stream.concat(ChildJvm.classPath().stream()
                        .filter(entry -> !entry.getFileName().toString().startsWith("jna")), jna.stream())
                .collect(Collectors.toList());
    }

    private static void assertFallsBackToPollingAndCloses(ChildJvm.Result result) {
        assertTrue(result.ended(), "the child did not end:\n" + result.describe());
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of("backend=polling", "event=ENTRY_CREATE file1", "closed",
                        "backend=polling", "event=ENTRY_CREATE file2", "closed"),
                result.out().lines().toList(), result.describe());
    }

    private static void assertOneWarning(ChildJvm.Result result, String cause, String fix) {
        List<String> warnings = result.err().lines().filter(line -> line.startsWith("WARNING:")).toList();
        assertEquals(1, warnings.size(), "one warning for two services:\n" + result.describe());
        String warning = warnings.get(0);
        assertTrue(warning.contains("inotify backend is unavailable") && warning.contains(cause)
                && warning.contains(fix), "the warning names the cause (" + cause + ") and the fix (" + fix
                + "):\n" + result.describe());
    }
}
