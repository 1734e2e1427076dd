package dev.nativewatch.cli;

import dev.nativewatch.testing.TemporaryProperty;
import dev.nativewatch.backend.polling.PollingBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's endings and its OVERFLOW line, on a real directory with the polling core. */
class WatchLoopTest {

    private static final String MAX_EVENTS = "jdk.nio.file.WatchService.maxEventsPerPoll";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T09:03:04.005Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final PollingWatcherFactory factory = new PollingWatcherFactory();
    private final Capture out = new Capture();
    private final Capture err = new Capture();
    private WatchService service;
    private CompletableFuture<Integer> exit;

    private static TemporaryProperty interval;
    private TemporaryProperty maxEvents;

    @BeforeAll
    static void pollQuickly() {
        interval = TemporaryProperty.set(PollingBackend.INTERVAL_PROPERTY, "100");
    }

    @AfterAll
    static void restoreInterval() {
        interval.close();
    }

    @AfterEach
    void closeService() throws IOException {
        if (maxEvents != null) {
            maxEvents.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void overflowIsPrintedWithItsDirectoryAndCount() throws Exception {
        // One pending event per key: a scan that finds two new files already overflows.
        maxEvents = TemporaryProperty.set(MAX_EVENTS, "1");
        WatchLoop loop = start(out.stream);

        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve("f" + i), "x");
        }

        Await.until("an OVERFLOW line", () -> out.lines().stream()
                .anyMatch(l -> l.startsWith("2024-05-01T09:03:04.005 OVERFLOW (events lost under d) count=")), out::text);
        loop.stop();
        assertEquals(ExitCode.OK, exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void serviceClosedByAnyoneButStopEndsWithOne() throws Exception {
        start(out.stream);

        service.close();

        assertEquals(ExitCode.FAILURE, exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertEquals("nativewatch: the watch service was closed" + System.lineSeparator(), err.text());
    }

    @Test
    void failingStandardOutputEndsWithOne() throws Exception {
        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("pipe closed");
            }
        }, true);
        start(broken);

        Files.writeString(dir.resolve("f"), "x");

        assertEquals(ExitCode.FAILURE, exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertTrue(err.text().startsWith("nativewatch: cannot write to standard output"), err.text());
    }

    /** Watches {@link #dir}, typed as {@code d}, for creations, and runs the loop on its own thread. */
    private WatchLoop start(PrintStream stdout) throws IOException {
        service = factory.newWatchService();
        WatchKey key = factory.register(service, dir, new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE});
        WatchLoop loop = new WatchLoop(service, Map.of(key, "d"), new TextFormat(), stdout, err.stream, CLOCK);
        exit = CompletableFuture.supplyAsync(loop::run, runnable -> {
            Thread thread = new Thread(runnable, "nativewatch-loop-test");
            thread.setDaemon(true);
            thread.start();
        });
        return loop;
    }
}
