package dev.nativewatch.backend.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JVM of its own for a scenario that must not share the test JVM: another locale, fewer privileges, or a
 * failure that could leave a spinning thread behind. It runs a main class of the test class path.
 */
final class ChildJvm {

    /** How a child ended: its exit code (or null when it had to be killed) and everything it printed. */
    record Result(Integer exitCode, String output) {
        @Override
        public String toString() {
            return (exitCode == null ? "killed after its deadline" : "exit code " + exitCode) + ", output:\n" + output;
        }
    }

    private ChildJvm() {
    }

    /**
     * @param prefix      a command that runs the JVM (such as setpriv with its options), or empty
     * @param environment edits to the child's environment
     */
    static Result run(List<String> prefix, Consumer<Map<String, String>> environment, Duration deadline,
                      Class<?> main, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.accept(builder.environment());
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process was killed; what was read so far is lost with it.
            }
        }, "child-jvm-output");
        drain.start();
        boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        drain.join(TimeUnit.SECONDS.toMillis(10));
        return new Result(ended ? process.exitValue() : null, output.toString());
    }
}
