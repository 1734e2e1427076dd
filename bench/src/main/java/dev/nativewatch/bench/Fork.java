package dev.nativewatch.bench;

import dev.nativewatch.bench.peers.PeerId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one measurement in a child JVM started from this JVM's own java and class path. */
final class Fork {

    static final String ERROR_PREFIX = "ERROR ";

    /** The children's heap: room for the largest tree of directory-watcher, with its hashes of every path. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx3g", "-XX:+UseG1GC");
    private static final long TIMEOUT_MINUTES = 5;

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");

    /**
     * @return the child's figures
     * @throws IOException with the child's own error if it failed or timed out
     */
    Measurement run(String workload, PeerId peer, Map<String, Object> params, List<String> extraJvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", classPath, ChildMain.class.getName(), workload, peer.name()));
        params.forEach((name, value) -> command.add(name + "=" + value));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Measurement result = new Measurement();
        String error = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ERROR_PREFIX)) {
                    error = line.substring(ERROR_PREFIX.length());
                }
                result.parseLine(line);
            }
        }
        if (!child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IOException(workload + " on " + peer.label() + " did not finish in " + TIMEOUT_MINUTES + " min");
        }
        if (child.exitValue() != 0) {
            throw new IOException(error != null ? error : "child exited with " + child.exitValue());
        }
        return result;
    }
}
