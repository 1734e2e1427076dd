package dev.nativewatch.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * inotify-tools' {@code inotifywait -m [-r]}, the native floor: a C program that walks the tree adding one watch
 * per directory, then prints one line per event. It is started as a process; "Watches established." on its
 * standard error marks the watch as established, and its standard output is parsed on a consumer thread.
 */
final class InotifywaitWatcher implements Watcher {

    /** Between the event names and the path; '|' does not occur in the workloads' names. */
    private static final String SEPARATOR = "|";
    private static final String ESTABLISHED = "Watches established.";

    private Process process;
    private Thread consumer;

    @Override
    public void start(Path root, boolean recursive, EventSink sink) throws IOException {
        List<String> command = new ArrayList<>(List.of("inotifywait", "-m"));
        if (recursive) {
            command.add("-r");
        }
        // The JDK's event classes: create, delete, modify (and attrib, which it folds into modify), and moves.
        command.addAll(List.of("-e", "create,delete,modify,attrib,move", "--format", "%e" + SEPARATOR + "%w%f",
                root.toString()));
        process = new ProcessBuilder(command).start();
        awaitEstablished();
        String prefix = root.toString().endsWith("/") ? root.toString() : root + "/";
        consumer = new Thread(() -> parse(sink, prefix), CONSUMER_THREAD);
        consumer.setDaemon(true);
        consumer.start();
    }

    /** Reads standard error up to the line that says every watch is in place; then drains the rest. */
    private void awaitEstablished() throws IOException {
        BufferedReader errors = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                Charset.defaultCharset()));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = errors.readLine()) != null) {
            if (line.contains(ESTABLISHED)) {
                Thread drain = new Thread(() -> errors.lines().forEach(rest -> { }), "inotifywait-stderr");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            said.append(line).append('\n');
        }
        throw new IOException("inotifywait exited before establishing its watches: " + said.toString().trim());
    }

    private void parse(EventSink sink, String prefix) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                Charset.defaultCharset()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int at = line.indexOf(SEPARATOR);
                String events = at < 0 ? line : line.substring(0, at);
                String path = at < 0 ? "" : line.substring(at + 1);
                EventKind kind = kindOf(events);
                sink.onEvent(kind, kind == EventKind.OVERFLOW || !path.startsWith(prefix)
                        ? null : path.substring(prefix.length()));
            }
        } catch (IOException | UncheckedIOException closed) {
            // The process ended.
        }
    }

    private static EventKind kindOf(String events) {
        if (events.contains("Q_OVERFLOW")) {
            return EventKind.OVERFLOW;
        } else if (events.contains("CREATE") || events.contains("MOVED_TO")) {
            return EventKind.CREATE;
        } else if (events.contains("DELETE") || events.contains("MOVED_FROM")) {
            return EventKind.DELETE;
        }
        return EventKind.MODIFY;
    }

    @Override
    public Predicate<String> ownsThread() {
        return name -> false; // Its CPU is the process's own, read from /proc.
    }

    @Override
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    @Override
    public void close() throws IOException {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (consumer != null) {
                consumer.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
