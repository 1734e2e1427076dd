package dev.nativewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Takes signalled keys from a service and prints a line per event until it is stopped or no key is valid.
 * {@link #run()} runs on one thread; {@link #stop()} may come from any other, such as a shutdown hook.
 */
final class WatchLoop {

    private final WatchService service;
    private final Map<WatchKey, String> directories;
    private final ReportFormat format;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopping;

    /**
     * @param directories each registered key, with its directory as the user typed it
     */
    WatchLoop(WatchService service, Map<WatchKey, String> directories, ReportFormat format, PrintStream out,
              PrintStream err, Clock clock) {
        this.service = service;
        this.directories = new HashMap<>(directories);
        this.format = format;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /**
     * @return {@link ExitCode#OK} once {@link #stop()} has closed the service; {@link ExitCode#FAILURE} when no
     *         directory is watched any more, standard output fails, or the service was closed by someone else
     */
    int run() {
        try {
            return loop();
        } finally {
            ended.countDown();
        }
    }

    /** Ends {@link #run()}: closes the service, whose next {@code take} then ends the loop. */
    void stop() {
        stopping = true;
        try {
            service.close();
        } catch (IOException e) {
            err.println("nativewatch: closing the watch service failed: " + e);
        }
    }

    /** @return whether {@link #run()} ended within {@code timeout} */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private int loop() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException e) {
                if (stopping) {
                    return ExitCode.OK;
                }
                err.println("nativewatch: the watch service was closed");
                return ExitCode.FAILURE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.OK;
            }
            String directory = directories.get(key);
            if (directory == null) {
                continue;
            }
            LocalDateTime now = LocalDateTime.now(clock);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (!print(report(now, directory, event))) {
                    return ExitCode.FAILURE;
                }
            }
            if (!key.reset()) {
                if (stopping) {
                    return ExitCode.OK;
                }
                directories.remove(key);
                if (!print(new Report.Invalid(now, directory))) {
                    return ExitCode.FAILURE;
                }
                if (directories.isEmpty()) {
                    err.println("nativewatch: no directory is watched any more");
                    return ExitCode.FAILURE;
                }
            }
        }
    }

    private static Report report(LocalDateTime now, String directory, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            return new Report.Overflow(now, directory, event.count());
        }
        Object context = event.context();
        String path = context == null ? directory : Path.of(directory).resolve(context.toString()).toString();
        return new Report.Event(now, event.kind().name(), directory, path, event.count());
    }

    /** @return false if standard output has failed, such as a closed pipe */
    private boolean print(Report report) {
        out.println(format.format(report));
        if (out.checkError()) {
            err.println("nativewatch: cannot write to standard output");
            return false;
        }
        return true;
    }
}
