package dev.nativewatch.backend.windows;

import com.sun.jna.Native;
import dev.nativewatch.NativeWatch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Windows backend's production adapter, {@link JnaWin32Io}, on a real Windows Java runtime under Wine:
 * {@link WindowsJvmScenarios} runs there, once as JNA's default (Unicode) mode has it and once with
 * {@code -Dw32.ascii=true}, where a binding by undecorated name would pick the ANSI functions. Each scenario
 * becomes one test here. Skipped, saying why, without the runtime ({@code .ci/windows-jre}) or wine.
 */
class WindowsJvmTest {

    /** Generous: the first start of a Windows JVM in a fresh prefix takes a while. */
    private static final long PROCESS_MINUTES = 10;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> scenariosOnTheProductionAdapter() throws Exception {
        return run("unicode", List.of());
    }

    @TestFactory
    Stream<DynamicTest> scenariosWithJnaInAsciiMode() throws Exception {
        return run("ascii", List.of("-Dw32.ascii=true"), "nonAsciiDirectory", "createModifyDelete",
                "treeDeeperThanMaxPath");
    }

    private Stream<DynamicTest> run(String mode, List<String> options, String... scenarios) throws Exception {
        WindowsRuntime.Result found = WindowsRuntime.find();
        if (found.runtime() == null) {
            // A test that is reported skipped, with the reason: an aborted factory would show as nothing at all.
            return Stream.of(DynamicTest.dynamicTest("on a Windows JVM",
                    () -> Assumptions.abort("Windows-JVM tests skipped: " + found.reason())));
        }
        List<String> jvm = new ArrayList<>(options);
        jvm.add("-Ddev.nativewatch.backend=windows");
        jvm.add("-Dfile.encoding=UTF-8");
        jvm.add("-Dsun.stdout.encoding=UTF-8");
        List<Path> classPath = List.of(WindowsRuntime.codeSource(NativeWatch.class),
                WindowsRuntime.codeSource(WindowsJvmScenarios.class), WindowsRuntime.codeSource(Native.class));
        List<String> args = new ArrayList<>(List.of(WindowsRuntime.windowsPath(Files.createDirectories(dir.resolve(mode)))));
        args.addAll(List.of(scenarios));
        ProcessBuilder builder = found.runtime().java(jvm, classPath, WindowsJvmScenarios.class.getName(), args)
                .redirectErrorStream(true);
        Process process = builder.start();
        String output = WindowsRuntime.output(process, PROCESS_MINUTES);
        List<DynamicTest> tests = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] parts = line.split(" ", 2);
            if (parts.length < 2 || !List.of("PASS", "FAIL", "SKIP").contains(parts[0])) {
                continue;
            }
            String name = parts[1].split(":", 2)[0];
            reported.add(name);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                switch (parts[0]) {
                    case "FAIL" -> fail(parts[1]);
                    case "SKIP" -> Assumptions.abort(parts[1]);
                    default -> { }
                }
            }));
        }
        int exit = process.exitValue();
        tests.add(DynamicTest.dynamicTest("the Windows JVM ran every scenario", () -> {
            if (reported.isEmpty()) {
                fail("no scenario reported (exit code " + exit + "); the Windows JVM said: " + output);
            }
            if (scenarios.length > 0) {
                assertEquals(List.of(scenarios), reported, output);
            }
        }));
        return tests.stream();
    }
}
