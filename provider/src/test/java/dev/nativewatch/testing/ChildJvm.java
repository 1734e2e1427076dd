package dev.nativewatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM, for what one test JVM cannot show: another JNA on the class path, JVM options such as
 * {@code --illegal-native-access=deny}, a SecurityManager. Output goes to files, so a child that hangs cannot
 * block the test on a full pipe; a child that outlives the deadline is killed and reported as such.
 */
public final class ChildJvm {

    /** Generous: the child starts a JVM and a watch service, nothing more. */
    public static final long DEADLINE_SECONDS = 120;

    private final List<String> command = new ArrayList<>();

    private ChildJvm(Path javaHome) {
        command.add(javaHome.resolve("bin").resolve("java").toString());
    }

    /** A JVM of the same JDK as this one. */
    public static ChildJvm sameJdk() {
        return new ChildJvm(Path.of(System.getProperty("java.home")));
    }

    /** A JVM of the JDK or run-time image at {@code javaHome}. */
    public static ChildJvm of(Path javaHome) {
        return new ChildJvm(javaHome);
    }

    public ChildJvm option(String... options) {
        command.addAll(List.of(options));
        return this;
    }

    /** The outcome of running {@code mainClass} with {@code args}. */
    public Result run(List<Path> classPath, Class<?> mainClass, String... args) throws IOException,
            InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.add("-cp");
        full.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        full.add(mainClass.getName());
        full.addAll(List.of(args));
        return run(full);
    }

    /** The outcome of running the main class of {@code module} (as {@code module/class}) with {@code args}. */
    public Result runModule(String mainModule, String... args) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.add("-m");
        full.add(mainModule);
        full.addAll(List.of(args));
        return run(full);
    }

    private static Result run(List<String> full) throws IOException, InterruptedException {
        Path out = Files.createTempFile("child-out", ".txt");
        Path err = Files.createTempFile("child-err", ".txt");
        try {
            Process process = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            boolean ended = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
            return new Result(full, ended, ended ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** This JVM's class path, split. */
    public static List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        return entries;
    }

    /**
     * @param command what was run
     * @param ended   whether it ended before the deadline (else it was killed)
     */
    public record Result(List<String> command, boolean ended, int exitCode, String out, String err) {

        /** For assertion messages: everything a reader needs to see what the child did. */
        public String describe() {
            return String.join(" ", command) + "\nended: " + ended + ", exit code " + exitCode
                    + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
