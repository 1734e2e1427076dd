package dev.nativewatch.cli;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.WatchLimitException;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** How often the hook looks whether the loop is stuck in a write, and how many looks in a row say it is. */
    private static final Duration BLOCKED_CHECK = Duration.ofMillis(100);
    private static final int BLOCKED_CHECKS = 5;

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
        if (options.help() || options.version()) {
            out.println(options.help() ? Options.USAGE : "nativewatch " + Version.current());
            out.flush();
            return ExitCode.OK;
        }
        Map<String, Path> directories = new LinkedHashMap<>();
        for (String typed : options.directories()) {
            String problem = directoryProblem(typed);
            if (problem != null) {
                return fail(ExitCode.USAGE, Printable.escaped(typed) + ": " + problem);
            }
            directories.put(typed, Path.of(typed));
        }
        WatcherFactory chosen = options.backend().map(factory::withBackend).orElse(factory);
        WatchService service;
        String backend;
        try {
            service = chosen.newWatchService();
            backend = chosen.backend();
        } catch (IOException e) {
            return fail(e instanceof WatchLimitException ? ExitCode.WATCH_LIMIT : ExitCode.FAILURE,
                    "cannot start watching: " + Printable.escaped(String.valueOf(e.getMessage())));
        }
        try {
            return watch(chosen, service, backend, options, directories);
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

    private int watch(WatcherFactory chosen, WatchService service, String backend, Options options,
                      Map<String, Path> directories) {
        WatchEvent.Kind<?>[] kinds = options.kinds().toArray(new WatchEvent.Kind<?>[0]);
        WatchEvent.Modifier[] modifiers = modifiersOf(options);
        Map<WatchKey, String> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Path> directory : directories.entrySet()) {
            try {
                keys.put(chosen.register(service, directory.getValue(), kinds, modifiers), directory.getKey());
            } catch (WatchLimitException e) {
                return fail(ExitCode.WATCH_LIMIT, Printable.escaped(directory.getKey()) + ": "
                        + Printable.escaped(String.valueOf(e.getMessage())));
            } catch (IOException e) {
                int code = e instanceof NoSuchFileException || e instanceof NotDirectoryException
                        || e instanceof AccessDeniedException ? ExitCode.USAGE : ExitCode.FAILURE;
                return fail(code, Printable.escaped(directory.getKey()) + ": " + Printable.escaped(describe(e)));
            }
        }
        WatchLoop watchLoop = new WatchLoop(service, keys, ReportFormat.of(options), WatchLoop.Settings.of(options),
                out, err, clock);
        loop = watchLoop;
        Thread hook = new Thread(() -> stopAndWait(watchLoop), "nativewatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!options.quiet()) {
                err.println(banner(options, directories.keySet(), backend));
            }
            return watchLoop.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // The hook is running or has run: it is what ended the loop.
            }
        }
    }

    private static WatchEvent.Modifier[] modifiersOf(Options options) {
        List<WatchEvent.Modifier> modifiers = new ArrayList<>();
        if (options.recursive()) {
            modifiers.add(ExtendedModifiers.SUBTREE);
        }
        if (!options.excludes().isEmpty()) {
            modifiers.add(ExtendedModifiers.exclude(options.excludes().toArray(new String[0])));
        }
        return modifiers.toArray(new WatchEvent.Modifier[0]);
    }

    /** @return the line on standard error that says what is watched, unless {@code --quiet} */
    private static String banner(Options options, Collection<String> directories, String backend) {
        return "nativewatch: watching " + directories.stream().map(Printable::escaped)
                .collect(Collectors.joining(", "))
                + (options.recursive() ? " with subtrees" : "") + " for "
                + options.kinds().stream().map(WatchEvent.Kind::name).collect(Collectors.joining(", "))
                + (options.excludes().isEmpty() ? "" : ", excluding " + options.excludes().size()
                        + (options.excludes().size() == 1 ? " glob" : " globs"))
                + "; backend " + backend;
    }

    /**
     * Closes the service and lets the loop print what it took. A loop blocked writing to a reader that stopped
     * reading cannot finish its line: waiting would only turn the requested stop into the JVM's 143 later, so the
     * process ends with 0 once the service is closed, without touching the blocked stream.
     */
    private void stopAndWait(WatchLoop watchLoop) {
        watchLoop.stop();
        try {
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            boolean ended = false;
            int blockedChecks = 0;
            while (!ended && System.nanoTime() < deadline) {
                ended = watchLoop.awaitEnd(BLOCKED_CHECK);
                blockedChecks = watchLoop.isWriting() ? blockedChecks + 1 : 0;
                if (blockedChecks >= BLOCKED_CHECKS) {
                    onSignalledExit.run(); // the stream's lock is held by the blocked write: no flush
                    return;
                }
            }
            if (ended && finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                // Standard output is flushed by the loop after each line; flushing it here could block.
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
