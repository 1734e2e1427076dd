package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@code WatchService.close()}: idempotent, invalidating, waking every waiter, releasing its threads. */
public abstract class CloseContract extends WatchServiceContract {

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected CloseContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    @Test
    @Tag(TckTags.SPEC)
    void closeIsIdempotent() throws IOException {
        watcher.close();
        watcher.close();
    }

    @Test
    @Tag(TckTags.SPEC)
    void closeInvalidatesEveryKey() throws IOException {
        WatchKey first = register(dir, ENTRY_CREATE);
        WatchKey second = register(fixture().newDirectory(), ENTRY_CREATE);
        watcher.close();
        assertFalse(first.isValid());
        assertFalse(second.isValid());
        assertFalse(first.reset());
    }

    @Test
    @Tag(TckTags.SPEC)
    void everyOperationAfterCloseIsCwse() throws IOException {
        register(dir, ENTRY_CREATE);
        watcher.close();
        assertThrows(ClosedWatchServiceException.class, () -> watcher.poll());
        assertTimeoutPreemptively(Tck.DEADLINE,
                () -> assertThrows(ClosedWatchServiceException.class, () -> watcher.poll(1, TimeUnit.HOURS)),
                "poll(timeout) throws without waiting");
        assertTimeoutPreemptively(Tck.DEADLINE,
                () -> assertThrows(ClosedWatchServiceException.class, () -> watcher.take()),
                "take() throws without waiting");
        assertThrows(ClosedWatchServiceException.class, () -> register(dir, ENTRY_CREATE));
    }

    @Test
    @Tag(TckTags.SPEC)
    void closeWakesEveryBlockedConsumer() throws Exception {
        register(dir, ENTRY_CREATE);
        ExecutorService consumers = Executors.newFixedThreadPool(3);
        try {
            List<Future<WatchKey>> waiting = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                boolean timed = i == 2;
                waiting.add(consumers.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return timed ? watcher.poll(1, TimeUnit.HOURS) : watcher.take();
                }));
            }
            Tck.awaitCondition(() -> {
                synchronized (threads) {
                    return threads.size() == 3 && threads.stream().allMatch(t ->
                            t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
                }
            }, "three consumers block on the service");
            watcher.close();
            for (Future<WatchKey> consumer : waiting) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> consumer.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
                assertInstanceOf(ClosedWatchServiceException.class, failure.getCause());
            }
        } finally {
            consumers.shutdownNow();
        }
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void cancelAfterCloseDoesNothing() throws IOException {
        WatchKey key = register(dir, ENTRY_CREATE);
        watcher.close();
        key.cancel();
        assertFalse(key.isValid());
    }

    /**
     * Counts live threads but the JDK's "process reaper" ones: that pool waits for child processes and keeps each
     * idle thread for a minute, so an implementation that runs a helper process per service (nativewatch's Wine
     * bridge) would otherwise seem to keep a thread for every service it closed.
     */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void closeReleasesTheServicesThreads() throws Exception {
        int before = threads().size();
        List<WatchService> services = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            WatchService service = fixture().newWatchService();
            services.add(service);
            Path directory = fixture().newDirectory();
            register(service, directory, kinds(ENTRY_CREATE));
        }
        for (WatchService service : services) {
            service.close();
        }
        try {
            Tck.awaitCondition(() -> threads().size() <= before + 2,
                    "the threads of 8 closed services end (" + before + " threads before)");
        } catch (AssertionError stillThere) {
            throw new AssertionError(stillThere.getMessage() + "; live threads: " + threads(), stillThere);
        }
    }

    private static final String PROCESS_REAPER = "process reaper";

    /** @return the names of the live threads, but the JDK's process reapers */
    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !name.equals(PROCESS_REAPER))
                .sorted()
                .toList();
    }
}
