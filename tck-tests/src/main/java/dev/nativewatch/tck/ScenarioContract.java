package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JDK's own WatchService tests ({@code test/jdk/java/nio/file/WatchService}), written anew and scaled down so
 * that the whole suite stays within minutes on two cores.
 */
public abstract class ScenarioContract extends WatchServiceContract {

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected ScenarioContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    /** Basic: one change of each kind, each with the entry's name as its context. */
    @Test
    @Tag(TckTags.SPEC)
    void basic() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Path foo = Files.createFile(dir.resolve("foo"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE foo");
        Files.writeString(foo, "hello");
        events.untilSeen("ENTRY_MODIFY foo");
        Files.delete(foo);
        events.untilSeen("ENTRY_DELETE foo");
        for (Observed event : events.events()) {
            assertSame(key, event.key());
            assertEquals(dir.getFileSystem().getPath("foo"), event.event().context());
            assertTrue(event.count() >= 1);
        }
    }

    /** FileTreeModifier: a subtree watch, switched off and on again by re-registering; always the same key. */
    @Test
    @Tag(TckTags.JDK_WINDOWS)
    @Tag(TckTags.EXTENSION)
    @Requires(Feature.SUBTREE)
    void fileTreeModifier() throws Exception {
        WatchEvent.Modifier tree = fixture().extensions().subtree();
        Path deep = oldDirectory(dir.resolve("a/b/c"));
        WatchKey key = register(watcher, dir, kinds(ENTRY_CREATE, ENTRY_DELETE), tree);
        Path foo = Files.createFile(deep.resolve("foo"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE a/b/c/foo");
        Files.delete(foo);
        events.untilSeen("ENTRY_DELETE a/b/c/foo");

        assertSame(key, register(watcher, dir, kinds(ENTRY_CREATE, ENTRY_DELETE)));
        Path bar = Files.createFile(deep.resolve("bar"));
        Files.createFile(dir.resolve("bar"));
        events.untilSeen("ENTRY_CREATE bar").drain(quiet());
        assertTrue(events.events().stream().noneMatch(e -> e.context().equals("a/b/c/bar")),
                "no event from the subtree once it is no longer watched: " + events);

        assertSame(key, register(watcher, dir, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), tree));
        append(bar, "more");
        events.untilSeen("ENTRY_MODIFY a/b/c/bar");
    }

    /** LotsOfEvents: every event of a large burst arrives, or an OVERFLOW, which is never among other events. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void lotsOfEvents() throws Exception {
        int n = 1024;
        register(dir, ENTRY_CREATE, ENTRY_DELETE);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(Files.createFile(dir.resolve("foo" + i)));
        }
        drainChecking("ENTRY_CREATE", n);
        for (Path file : files) {
            Files.delete(file);
        }
        drainChecking("ENTRY_DELETE", n);
    }

    private void drainChecking(String kind, int n) throws InterruptedException {
        WatchKey key = awaitKey(watcher);
        waitQuietPeriod();
        Set<String> contexts = new HashSet<>();
        int read = 0;
        boolean overflow = false;
        while (key != null) {
            List<WatchEvent<?>> events = key.pollEvents();
            for (WatchEvent<?> event : events) {
                String name = event.kind().name();
                if (name.equals(kind)) {
                    contexts.add(Observed.render(event.context()));
                    if (++read > n) {
                        fail("more " + kind + " events than changes");
                    }
                } else if (name.equals("OVERFLOW")) {
                    assertEquals(1, events.size(), "OVERFLOW retrieved with other events");
                    overflow = true;
                } else {
                    fail("unexpected " + name);
                }
            }
            assertTrue(key.reset(), "the key stays valid");
            key = watcher.poll(quiet().toMillis(), TimeUnit.MILLISECONDS);
        }
        assertTrue(overflow || contexts.size() == n, "only " + contexts.size() + " of " + n + " " + kind
                + " events, and no OVERFLOW");
    }

    /** LotsOfEntries: more creations than a key keeps become one OVERFLOW, the pending events dropped. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void lotsOfEntries() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        List<Observed> events = OverflowContract.burstAndRead(this, dir, key);
        assertEquals(List.of("OVERFLOW"), events.stream().map(Observed::described).toList());
    }

    /** MayFlies: short-lived files; a DELETE always follows its CREATE, and nothing is reported twice. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void mayFlies() throws Exception {
        register(dir, ENTRY_CREATE, ENTRY_DELETE);
        ExecutorService producers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String prefix = "fly" + t + "-";
                done.add(producers.submit(() -> {
                    for (int i = 0; i < 400; i++) {
                        Path fly = Files.createFile(dir.resolve(prefix + i));
                        Files.delete(fly);
                    }
                    return null;
                }));
            }
            EventRecorder events = recorder().until(r -> done.stream().allMatch(Future::isDone),
                    "the producers finish");
            for (Future<Void> producer : done) {
                producer.get();
            }
            Files.createFile(dir.resolve("sentinel"));
            events.untilSeen("ENTRY_CREATE sentinel").drain(quiet());
            if (events.events().stream().anyMatch(e -> e.kind().equals("OVERFLOW"))) {
                return;
            }
            Map<String, List<String>> byName = new HashMap<>();
            for (Observed event : events.events()) {
                byName.computeIfAbsent(event.context(), c -> new ArrayList<>()).add(event.kind());
            }
            byName.remove("sentinel");
            byName.forEach((name, kinds) -> assertEquals(List.of("ENTRY_CREATE", "ENTRY_DELETE"), kinds,
                    "events of " + name));
        } finally {
            producers.shutdownNow();
        }
    }

    /** DeleteInterference: registering and closing while the directory is deleted and re-created never hangs. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void deleteInterference() throws Exception {
        Path target = dir.resolve("target");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService churn = Executors.newSingleThreadExecutor();
        try {
            Future<Void> deleter = churn.submit(() -> {
                while (!stop.get()) {
                    try {
                        Files.createDirectories(target);
                        Files.deleteIfExists(target);
                    } catch (IOException raced) {
                        // The directory came or went under us; try again.
                    }
                }
                return null;
            });
            for (int i = 0; i < 100; i++) {
                try (WatchService service = fixture().newWatchService()) {
                    register(service, target, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
                } catch (IOException gone) {
                    // The directory was not there, or not for long: what matters is that nothing hangs.
                }
            }
            stop.set(true);
            deleter.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            stop.set(true);
            churn.shutdownNow();
        }
    }

    /** UpdateInterference: registering and cancelling one directory never sends another's events to it. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void updateInterference() throws Exception {
        Path foo = Files.createDirectory(dir.resolve("foo"));
        Path baz = Files.createDirectory(dir.resolve("baz"));
        WatchKey fooKey = register(foo, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger churned = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Void> churn = threads.submit(() -> {
                while (!stop.get()) {
                    Path temp = Files.createTempFile(foo, "temp", ".tmp");
                    Files.writeString(temp, "churn");
                    Files.delete(temp);
                    churned.incrementAndGet();
                }
                return null;
            });
            Future<Void> consumer = threads.submit(() -> {
                while (!stop.get()) {
                    WatchKey key = watcher.poll(50, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        if (key != fooKey) {
                            wrong.add(key.watchable() + ": " + key.pollEvents().stream()
                                    .map(e -> e.kind().name() + " " + e.context()).toList());
                        }
                        key.pollEvents();
                        key.reset();
                    }
                }
                return null;
            });
            for (int i = 0; i < 32; i++) {
                WatchKey bazKey = register(baz, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                int before = churned.get();
                Tck.awaitCondition(() -> churned.get() > before + 1 || churn.isDone(), "the churn goes on");
                bazKey.cancel();
            }
            stop.set(true);
            churn.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            consumer.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(List.of(), List.copyOf(wrong), "keys signalled though their directory did not change");
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    /** LotsOfCancels: register, change, cancel, many times, while a consumer takes keys; close ends it with CWSE. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void lotsOfCancels() throws Exception {
        List<Path> directories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            directories.add(fixture().newDirectory());
        }
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> taking = consumer.submit(() -> {
                try {
                    while (true) {
                        WatchKey key = watcher.take();
                        key.pollEvents();
                        key.reset();
                    }
                } catch (ClosedWatchServiceException closed) {
                    return true;
                }
            });
            for (int cycle = 0; cycle < 50; cycle++) {
                for (Path directory : directories) {
                    WatchKey key = register(directory, ENTRY_CREATE, ENTRY_DELETE);
                    Path file = Files.createFile(directory.resolve("f" + cycle));
                    Files.delete(file);
                    key.cancel();
                }
            }
            watcher.close();
            assertTrue(taking.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "take() ended with CWSE");
        } finally {
            consumer.shutdownNow();
        }
    }

    /** LotsOfCloses: a registration racing with close() fails with CWSE, never with another IOException. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void lotsOfCloses() throws Exception {
        ExecutorService registrar = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 20; round++) {
                WatchService service = newService();
                int wanted = round % 3;
                AtomicInteger registrations = new AtomicInteger();
                Future<Void> registering = registrar.submit(() -> {
                    try {
                        while (true) {
                            register(service, dir, kinds(ENTRY_CREATE, ENTRY_DELETE));
                            registrations.incrementAndGet();
                        }
                    } catch (ClosedWatchServiceException expected) {
                        return null;
                    }
                });
                Tck.awaitCondition(() -> registrations.get() > wanted || registering.isDone(),
                        "the registrar is running");
                service.close();
                registering.get(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            registrar.shutdownNow();
        }
    }

    /** Move: entries moved in are created, moved out deleted; a tree moved in is one entry. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void move() throws Exception {
        Path outside = fixture().newDirectory();
        Path x = oldFile(outside.resolve("x"));
        Files.createDirectories(outside.resolve("t/u"));
        oldFile(outside.resolve("t/u/f"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.move(x, dir.resolve("x"), StandardCopyOption.ATOMIC_MOVE);
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE x");
        Files.move(dir.resolve("x"), x, StandardCopyOption.ATOMIC_MOVE);
        events.untilSeen("ENTRY_DELETE x");
        Files.move(outside.resolve("t"), dir.resolve("t"), StandardCopyOption.ATOMIC_MOVE);
        events.untilSeen("ENTRY_CREATE t").drain(quiet());
        assertTrue(events.events().stream().noneMatch(e -> e.context().contains("/")), events.toString());
    }
}
