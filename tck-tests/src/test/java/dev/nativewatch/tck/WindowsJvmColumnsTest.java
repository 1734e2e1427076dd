package dev.nativewatch.tck;

import dev.nativewatch.backend.windows.WindowsRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the Windows-JVM columns of the report: {@link WindowsJvmLauncher} on the Windows runtime under Wine, one
 * JVM per column group as the Linux executions are split (the reference without nativewatch on its class path,
 * nativewatch's core and spi, nativewatch as the default provider), the three at once. Each JVM adds its results
 * to the same {@code tck-results/} and rewrites the report, under the report's own lock. Skipped, saying why,
 * without the runtime or wine.
 */
class WindowsJvmColumnsTest {

    /** Generous: a Windows JVM under Wine, whose failing checks each wait for the deadline below. */
    private static final long PROCESS_MINUTES = 15;
    /** As for the Wine bridge's column: Wine reports within milliseconds, and a declared deviation fails only here. */
    private static final String DEADLINE_SECONDS = "10";

    /** The three JVMs, started together: most of their time is spent waiting on Wine, not on the CPU. */
    private static final Map<String, Started> RUNS = new LinkedHashMap<>();
    private static WindowsRuntime.Result found;

    @BeforeAll
    static void startAll() throws IOException {
        found = WindowsRuntime.find();
        if (found.runtime() == null) {
            return;
        }
        start("jdk", List.of(), entry -> !isNativeWatch(entry), JdkDefaultWindowsJvmTck.class);
        start("nativewatch", List.of("-Ddev.nativewatch.backend=windows"), entry -> true,
                NativeWatchCoreWindowsJvmTck.class, NativeWatchPathWindowsJvmTck.class);
        start("default-provider", List.of("-Ddev.nativewatch.backend=windows",
                        "-Djava.nio.file.spi.DefaultFileSystemProvider=dev.nativewatch.spi.NativeWatchFileSystemProvider"),
                entry -> true, NativeWatchDefaultProviderWindowsJvmTck.class);
    }

    @AfterAll
    static void stopAll() {
        RUNS.values().forEach(run -> run.process().destroyForcibly());
    }

    @Test
    void jdkDefaultWindowsJvm() throws Exception {
        check("jdk");
    }

    @Test
    void nativeWatchCoreAndPathWindowsJvm() throws Exception {
        check("nativewatch");
    }

    @Test
    void nativeWatchDefaultProviderWindowsJvm() throws Exception {
        check("default-provider");
    }

    private record Started(List<String> classes, Process process, CompletableFuture<String> output) {
    }

    private static void start(String id, List<String> options, Predicate<Path> classPathFilter, Class<?>... tcks)
            throws IOException {
        Path reportDir = Path.of(System.getProperty("tck.report.dir", "target")).toAbsolutePath();
        Path workDir = Files.createDirectories(Path.of(System.getProperty("tck.work.dir", "target/tck-work"))
                .toAbsolutePath().resolve("windows-jvm-" + id));
        List<String> jvm = new ArrayList<>(options);
        jvm.add("-Dtck.report.dir=" + WindowsRuntime.windowsPath(reportDir));
        jvm.add("-Dtck.work.dir=" + WindowsRuntime.windowsPath(workDir));
        jvm.add("-Dtck.deadline.seconds=" + DEADLINE_SECONDS);
        List<String> classes = Arrays.stream(tcks).map(Class::getName).toList();
        Process process = found.runtime().java(jvm, classPath(classPathFilter), WindowsJvmLauncher.class.getName(), classes)
                .redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return WindowsRuntime.output(process, PROCESS_MINUTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        RUNS.put(id, new Started(classes, process, output));
    }

    private static void check(String id) {
        Assumptions.assumeTrue(found.runtime() != null, () -> "Windows-JVM columns skipped: " + found.reason());
        Started run = RUNS.get(id);
        String output = run.output().join();
        String summary = output.lines().filter(line -> line.startsWith("CHECKS ")).findFirst().orElse(null);
        assertTrue(summary != null, () -> "the Windows JVM ran no checks; it said: " + output);
        System.out.println(run.classes() + " on " + found.runtime() + ": " + summary);
        assertEquals(0, run.process().exitValue(), () -> "checks failed on the Windows JVM:\n" + output);
    }

    /** @return this JVM's class path, as the Windows JVM is to have it */
    private static List<Path> classPath(Predicate<Path> filter) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!entry.isEmpty() && filter.test(path) && !path.getFileName().toString().startsWith("surefire")) {
                entries.add(path);
            }
        }
        return entries;
    }

    private static boolean isNativeWatch(Path entry) {
        String name = entry.getFileName().toString();
        return name.startsWith("nativewatch-provider") || entry.toString().contains(File.separator + "provider"
                + File.separator + "target" + File.separator);
    }
}
