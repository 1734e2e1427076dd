package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service is safe for many threads: consumers, registrations and cancels at once. */
public abstract class ConcurrencyContract extends WatchServiceContract {

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected ConcurrencyContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    /** Two consumers share four keys: every event reaches one of them, and no key is held by both at once. */
    @Test
    @Tag(TckTags.SPEC)
    void consumersShareTheKeys() throws Exception {
        List<Path> directories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path directory = fixture().newDirectory();
            directories.add(directory);
            register(directory, ENTRY_CREATE);
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<WatchKey> held = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                running.add(consumers.submit(() -> {
                    while (!stop.get()) {
                        WatchKey key = watcher.poll(50, TimeUnit.MILLISECONDS);
                        if (key == null) {
                            continue;
                        }
                        if (!held.add(key)) {
                            throw new AssertionError("a key was handed to two consumers at once: " + key.watchable());
                        }
                        for (WatchEvent<?> event : key.pollEvents()) {
                            seen.add(key.watchable() + "|" + Observed.render(event.context()));
                        }
                        held.remove(key);
                        key.reset();
                    }
                    return null;
                }));
            }
            Set<String> expected = ConcurrentHashMap.newKeySet();
            for (int n = 0; n < 20; n++) {
                for (Path directory : directories) {
                    Files.createFile(directory.resolve("f" + n));
                    expected.add(directory + "|f" + n);
                }
            }
            Tck.awaitCondition(() -> seen.containsAll(expected) || running.stream().anyMatch(Future::isDone),
                    "every creation reaches a consumer");
            stop.set(true);
            for (Future<Void> consumer : running) {
                consumer.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            assertTrue(seen.containsAll(expected));
        } finally {
            stop.set(true);
            consumers.shutdownNow();
        }
    }

    @Test
    @Tag(TckTags.SPEC)
    void concurrentRegistrationsOfOneDirectoryGiveOneKey() throws Exception {
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService registrars = Executors.newFixedThreadPool(threads);
        try {
            List<Future<WatchKey>> keys = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                keys.add(registrars.submit(() -> {
                    start.await();
                    return register(dir, ENTRY_CREATE, ENTRY_DELETE);
                }));
            }
            start.countDown();
            WatchKey first = keys.get(0).get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            for (Future<WatchKey> key : keys) {
                assertSame(first, key.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            }
        } finally {
            registrars.shutdownNow();
        }
    }

    @Test
    @Tag(TckTags.SPEC)
    void concurrentRegistrationsAndCancelsLeaveTheServiceWorking() throws Exception {
        int threads = 4;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Path directory = fixture().newDirectory();
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        WatchKey key = register(directory, ENTRY_CREATE);
                        if (!key.isValid()) {
                            throw new AssertionError("a new registration gave an invalid key");
                        }
                        key.cancel();
                    }
                    return null;
                });
            }
            for (Future<Void> done : workers.invokeAll(tasks, Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                done.get();
            }
        } finally {
            workers.shutdownNow();
        }
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("after"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE after");
        assertEquals(key, events.events().get(events.events().size() - 1).key());
    }
}
