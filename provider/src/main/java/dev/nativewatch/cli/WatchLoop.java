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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Takes signalled keys from a service and prints a line per event until it is stopped or no key is valid.
 * {@link #run()} runs on one thread; {@link #stop()} may come from any other, such as a shutdown hook.
 */
final class WatchLoop {

    /** What {@link #awaitAndReport} returns while the loop goes on: no exit status is negative. */
    private static final int GO_ON = -1;

    private final WatchService service;
    private final Map<WatchKey, String> directories;
    private final ReportFormat format;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Settings settings;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopping;
    /** A line is being written: standard output may be blocked by a reader that stopped reading. */
    private volatile boolean writing;
    private long events;

    /**
     * What the loop does besides printing every event.
     *
     * @param includes   the paths to report
     * @param maxEvents  end after this many events; 0 for no limit
     * @param timeout    end after this long without an event
     * @param terminator what ends each line
     */
    record Settings(Includes includes, long maxEvents, Optional<Duration> timeout, String terminator) {

        static final Settings DEFAULT = new Settings(new Includes(List.of()), 0, Optional.empty(),
                System.lineSeparator());

        static Settings of(Options options) {
            return new Settings(new Includes(options.includes()), options.maxEvents(), options.timeout(),
                    options.nul() ? "\0" : System.lineSeparator());
        }
    }

    /**
     * @param directories each registered key, with its directory as the user typed it
     */
    WatchLoop(WatchService service, Map<WatchKey, String> directories, ReportFormat format, PrintStream out,
              PrintStream err, Clock clock) {
        this(service, directories, format, Settings.DEFAULT, out, err, clock);
    }

    WatchLoop(WatchService service, Map<WatchKey, String> directories, ReportFormat format, Settings settings,
              PrintStream out, PrintStream err, Clock clock) {
        this.service = service;
        this.directories = new HashMap<>(directories);
        this.format = format;
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /**
     * @return {@link ExitCode#OK} once {@link #stop()} has closed the service, after the maximum number of events,
     *         or at the timeout after events; {@link ExitCode#FAILURE} when no directory is watched any more,
     *         standard output fails, the service was closed by someone else, or the timeout came without events
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

    /** @return whether the loop is writing a line, which a reader that stopped reading can block for ever */
    boolean isWriting() {
        return writing;
    }

    /** @return whether {@link #run()} ended within {@code timeout} */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private int loop() {
        int exit = GO_ON;
        while (exit == GO_ON) {
            exit = awaitAndReport();
        }
        return exit;
    }

    /** @return the exit status once the loop is to end; {@link #GO_ON} while it goes on */
    private int awaitAndReport() {
        WatchKey key;
        try {
            key = next();
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
        if (key == null) {
            return events > 0 ? ExitCode.OK : ExitCode.FAILURE; // the timeout, without an event
        }
        String directory = directories.get(key);
        return directory == null ? GO_ON : report(key, directory);
    }

    /** Prints the events of a signalled key, and resets it. */
    private int report(WatchKey key, String directory) {
        LocalDateTime now = LocalDateTime.now(clock);
        for (WatchEvent<?> event : key.pollEvents()) {
            Report report = report(now, directory, event);
            if (report == null) {
                continue;
            }
            if (!print(report)) {
                return ExitCode.FAILURE;
            }
            if (report instanceof Report.Event && ++events == settings.maxEvents()) {
                return ExitCode.OK;
            }
        }
        return key.reset() ? GO_ON : invalidated(key, directory, now);
    }

    /** A key no longer valid: said, and the loop ends once no directory is left. */
    private int invalidated(WatchKey key, String directory, LocalDateTime now) {
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
        return GO_ON;
    }

    /** @return the next signalled key; null once the timeout has passed without one */
    private WatchKey next() throws InterruptedException {
        if (settings.timeout().isEmpty()) {
            return service.take();
        }
        return service.poll(settings.timeout().get().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the report of an event, or null if {@code --include} leaves it out */
    private Report report(LocalDateTime now, String directory, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            return new Report.Overflow(now, directory, event.count());
        }
        Object context = event.context();
        if (context instanceof Path relative && !settings.includes().reports(relative)) {
            return null;
        }
        String path = context == null ? directory : Path.of(directory).resolve(context.toString()).toString();
        return new Report.Event(now, event.kind().name(), directory, path, event.count(),
                context == null ? "" : context.toString());
    }

    /** @return false if standard output has failed, such as a closed pipe */
    private boolean print(Report report) {
        String line = format.format(report) + settings.terminator();
        boolean failed;
        writing = true;
        try {
            out.print(line);
            out.flush();
            failed = out.checkError(); // flushes as well: it too blocks while nobody reads
        } finally {
            writing = false;
        }
        if (failed) {
            err.println("nativewatch: cannot write to standard output");
            return false;
        }
        return true;
    }
}
