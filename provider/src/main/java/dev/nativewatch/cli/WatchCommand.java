package dev.nativewatch.cli;

import dev.nativewatch.ExtendedModifiers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run of the command: checks the arguments, registers every directory, then runs the watch loop until it
 * ends. A shutdown hook stops the loop, so Ctrl-C and SIGTERM end the watch cleanly, with every line taken
 * printed and the service closed; the hook then ends the process through {@code onSignalledExit}.
 */
final class WatchCommand {

    /** How long the shutdown hook lets the loop print what it has already taken. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final WatcherFactory factory;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Runnable onSignalledExit;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile WatchLoop loop;

    WatchCommand(WatcherFactory factory, PrintStream out, PrintStream err, Clock clock) {
        this(factory, out, err, clock, () -> { });
    }

    /**
     * @param onSignalledExit run by the shutdown hook once the service is closed: the JVM would otherwise end a
     *                        process stopped by a signal with status 130 or 143, not the command's own
     */
    WatchCommand(WatcherFactory factory, PrintStream out, PrintStream err, Clock clock, Runnable onSignalledExit) {
        this.factory = factory;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.onSignalledExit = onSignalledExit;
    }

    /** @return the exit status, one of {@link ExitCode} */
    int run(String... args) {
        try {
            return runOnce(args);
        } finally {
            finished.countDown();
        }
    }

    private int runOnce(String... args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        }
        if (options.help()) {
            out.println(Options.USAGE);
            out.flush();
            return ExitCode.OK;
        }
        Map<String, Path> directories = new LinkedHashMap<>();
        for (String typed : options.directories()) {
            String problem = directoryProblem(typed);
            if (problem != null) {
                return fail(ExitCode.USAGE, typed + ": " + problem);
            }
            directories.put(typed, Path.of(typed));
        }
        WatchService service;
        String backend;
        try {
            service = factory.newWatchService();
            backend = factory.backend();
        } catch (IOException e) {
            return fail(ExitCode.FAILURE, "cannot start watching: " + e.getMessage());
        }
        try {
            return watch(service, backend, options, directories);
        } finally {
            try {
                service.close();
            } catch (IOException e) {
                err.println("nativewatch: closing the watch service failed: " + e);
            }
        }
    }

    /** Stops a running watch, as Ctrl-C does; nothing happens before the watch has started. */
    void stop() {
        WatchLoop running = loop;
        if (running != null) {
            running.stop();
        }
    }

    private int watch(WatchService service, String backend, Options options, Map<String, Path> directories) {
        WatchEvent.Kind<?>[] kinds = options.kinds().toArray(new WatchEvent.Kind<?>[0]);
        WatchEvent.Modifier[] modifiers = options.recursive()
                ? new WatchEvent.Modifier[] {ExtendedModifiers.SUBTREE} : new WatchEvent.Modifier[0];
        Map<WatchKey, String> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Path> directory : directories.entrySet()) {
            try {
                keys.put(factory.register(service, directory.getValue(), kinds, modifiers), directory.getKey());
            } catch (IOException e) {
                return fail(ExitCode.USAGE, directory.getKey() + ": " + describe(e));
            }
        }
        WatchLoop watchLoop = new WatchLoop(service, keys, ReportFormat.of(options), out, err, clock);
        loop = watchLoop;
        Thread hook = new Thread(() -> stopAndWait(watchLoop), "nativewatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            err.println("nativewatch: watching " + String.join(", ", directories.keySet())
                    + (options.recursive() ? " with subtrees" : "") + " for "
                    + options.kinds().stream().map(WatchEvent.Kind::name).collect(Collectors.joining(", "))
                    + "; backend " + backend);
            return watchLoop.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // The hook is running or has run: it is what ended the loop.
            }
        }
    }

    private void stopAndWait(WatchLoop watchLoop) {
        watchLoop.stop();
        try {
            if (watchLoop.awaitEnd(SHUTDOWN_GRACE)
                    && finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                out.flush();
                err.flush();
                onSignalledExit.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return why {@code typed} cannot be watched, or null if it is a directory */
    private static String directoryProblem(String typed) {
        Path path;
        try {
            path = Path.of(typed);
        } catch (InvalidPathException e) {
            return "invalid path: " + e.getReason();
        }
        if (Files.isDirectory(path)) {
            return null;
        }
        return Files.exists(path) ? "not a directory" : "no such directory";
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        } else if (e instanceof NotDirectoryException) {
            return "not a directory";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private int fail(int code, String message) {
        err.println("nativewatch: " + message);
        err.flush();
        return code;
    }
}
