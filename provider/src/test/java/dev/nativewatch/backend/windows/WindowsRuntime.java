package dev.nativewatch.backend.windows;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Windows x64 Java runtime under Wine, as {@code .ci/windows-jre} prepares it: where it is, and how to start a
 * JVM on it. The build passes its directory as {@code -Ddev.nativewatch.windowsJre} or the environment variable
 * {@code NATIVEWATCH_WINDOWS_JRE}, and its Wine prefix as {@code -Ddev.nativewatch.windowsJrePrefix} or
 * {@code NATIVEWATCH_WINDOWS_PREFIX} (by default the {@code prefix} directory beside the runtime).
 */
public final class WindowsRuntime {

    public static final String JRE_PROPERTY = "dev.nativewatch.windowsJre";
    public static final String PREFIX_PROPERTY = "dev.nativewatch.windowsJrePrefix";

    private final Path wine;
    private final Path javaExe;
    private final Path prefix;

    private WindowsRuntime(Path wine, Path javaExe, Path prefix) {
        this.wine = wine;
        this.javaExe = javaExe;
        this.prefix = prefix;
    }

    /** @return the runtime of this machine, or why there is none */
    public static Result find() {
        String jre = setting(JRE_PROPERTY, "NATIVEWATCH_WINDOWS_JRE");
        if (jre == null) {
            return new Result(null, "no Windows Java runtime was given: run .ci/windows-jre and pass the directory it"
                    + " prints as -D" + JRE_PROPERTY + "=DIR or NATIVEWATCH_WINDOWS_JRE=DIR (.ci/run does)");
        }
        Path javaExe = Path.of(jre, "bin", "java.exe");
        if (!Files.isRegularFile(javaExe)) {
            return new Result(null, "the Windows Java runtime " + jre + " holds no bin/java.exe");
        }
        Optional<Path> wine = Wine.onPath("wine");
        if (wine.isEmpty()) {
            return new Result(null, "wine is not on the PATH (apt-get install wine wine64)");
        }
        String prefix = setting(PREFIX_PROPERTY, "NATIVEWATCH_WINDOWS_PREFIX");
        Path prefixPath = prefix != null ? Path.of(prefix) : Path.of(jre).toAbsolutePath().resolveSibling("prefix");
        if (!Files.isRegularFile(prefixPath.resolve("system.reg"))) {
            return new Result(null, "the Wine prefix " + prefixPath + " is not ready: .ci/windows-jre prepares it");
        }
        return new Result(new WindowsRuntime(wine.get(), javaExe.toAbsolutePath(), prefixPath.toAbsolutePath()), null);
    }

    /** @param runtime the runtime, or null; then {@code reason} says why there is none */
    public record Result(WindowsRuntime runtime, String reason) {
    }

    /**
     * @param jvmOptions options for java.exe, before the main class
     * @param classPath  Linux paths of jars and class directories
     * @return a builder that starts {@code wine java.exe} with them, in this runtime's prefix
     */
    public ProcessBuilder java(List<String> jvmOptions, List<Path> classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(wine.toString(), javaExe.toString()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath.stream().map(WindowsRuntime::windowsPath).collect(Collectors.joining(";")));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Wine.environment(builder.environment(), prefix);
        return builder;
    }

    /** @return the path a Windows program under Wine sees for a Linux path: its Z: drive is the root */
    public static String windowsPath(Path linux) {
        return "Z:" + linux.toAbsolutePath().normalize().toString().replace(File.separatorChar, '\\');
    }

    /** @return the jar or class directory that {@code type} was loaded from */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** Waits for {@code process}, reading its output; ends it if it has not exited after {@code minutes}. */
    public static String output(Process process, long minutes) throws IOException, InterruptedException {
        process.getOutputStream().close();
        CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return text.join().replace("\r", "");
    }

    @Override
    public String toString() {
        return javaExe + " (WINEPREFIX " + prefix + ")";
    }
}
