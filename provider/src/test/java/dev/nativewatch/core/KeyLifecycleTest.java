package dev.nativewatch.core;

import dev.nativewatch.testing.TemporaryProperty;
import dev.nativewatch.backend.Change;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key's states, its event list, merging, the overflow cap, cancel and invalidation. */
class KeyLifecycleTest extends CoreFixture {

    @Test
    void theFirstEventSignalsTheKeyOnceAndLaterOnesDoNotQueueItAgain() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("a")));
        assertSame(key, awaitKey());
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("b")));
        assertNull(service.poll(), "a signalled key is not queued again");
        assertEquals(List.of("ENTRY_CREATE a", "ENTRY_CREATE b"), describe(key.pollEvents()));
    }

    @Test
    void resetWithoutEventsMakesTheKeyReadyAgain() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("a")));
        awaitKey().pollEvents();
        assertTrue(key.reset());
        assertNull(service.poll());
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("b")));
        assertSame(key, awaitKey(), "a ready key is signalled by the next event");
    }

    @Test
    void resetWithPendingEventsQueuesTheKeyOnceEvenWhenCalledTwice() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("a")));
        assertSame(key, awaitKey());
        assertTrue(key.reset());
        assertTrue(key.reset());
        assertSame(key, service.poll());
        assertNull(service.poll(), "the JDK would return the key a second time here");
        assertEquals(List.of("ENTRY_CREATE a"), describe(key.pollEvents()));
    }

    @Test
    void resetOfAReadyKeyDoesNothing() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        assertTrue(key.reset());
        assertNull(service.poll());
    }

    @Test
    void pollEventsHandsOverAMutableListAndEmptiesTheKey() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("a")));
        List<WatchEvent<?>> events = awaitKey().pollEvents();
        events.add(events.get(0));
        assertEquals(2, events.size());
        assertTrue(key.pollEvents().isEmpty());
    }

    @Test
    void eventsHaveRelativePathContextsAndPathKinds() throws Exception {
        register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("foo")));
        WatchEvent<?> event = awaitKey().pollEvents().get(0);
        assertEquals(Path.of("foo"), event.context());
        assertEquals(Path.class, event.kind().type());
        assertEquals(1, event.count());
    }

    @Test
    void repeatedEventsMergeAndModifyMergesAcrossOtherContexts() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_MODIFY);
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("c"));
            sink.changed(Change.CREATED, Path.of("c"));
            sink.changed(Change.MODIFIED, Path.of("a"));
            sink.changed(Change.MODIFIED, Path.of("e"));
            sink.changed(Change.MODIFIED, Path.of("a"));
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_CREATE c x2", "ENTRY_MODIFY a x2", "ENTRY_MODIFY e"), describe(key.pollEvents()));
    }

    @Test
    void aNonModifyEventEndsModifyMergingForItsContext() throws Exception {
        WatchKey key = register(dir, ENTRY_DELETE, ENTRY_MODIFY);
        backend.report(dir, sink -> {
            sink.changed(Change.MODIFIED, Path.of("a"));
            sink.changed(Change.DELETED, Path.of("a"));
            sink.changed(Change.MODIFIED, Path.of("a"));
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_MODIFY a", "ENTRY_DELETE a", "ENTRY_MODIFY a"), describe(key.pollEvents()));
    }

    @Test
    void aFullEventListIsReplacedByOneOverflowAndTheKeyKeepsWorking() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        int created = EventLimit.DEFAULT + 88;
        backend.report(dir, sink -> {
            for (int i = 0; i < created; i++) {
                sink.changed(Change.CREATED, Path.of("f" + i));
            }
        });
        assertSame(key, awaitKey());
        List<WatchEvent<?>> events = key.pollEvents();
        assertEquals(1, events.size(), "OVERFLOW never comes with other events");
        assertSame(OVERFLOW, events.get(0).kind());
        assertNull(events.get(0).context());
        assertEquals(88, events.get(0).count(), "one for the event that overflowed, one per event after it");
        assertTrue(key.reset());
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("later")));
        assertEquals(List.of("ENTRY_CREATE later"), describe(awaitKey().pollEvents()));
    }

    @Test
    void theEventCapFollowsTheJdkProperty() throws Exception {
        try (TemporaryProperty cap = TemporaryProperty.set(EventLimit.PROPERTY, "5");
             NativeWatchService small = new NativeWatchService(backend, dir.getFileSystem(), p -> p)) {
            WatchKey key = small.register(dir, dir, new WatchEvent.Kind<?>[] {ENTRY_CREATE});
            backend.report(dir, sink -> {
                for (int i = 0; i < 6; i++) {
                    sink.changed(Change.CREATED, Path.of("f" + i));
                }
            });
            assertSame(key, small.poll(DEADLINE_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of("OVERFLOW null"), describe(key.pollEvents()));
        }
    }

    @Test
    void aBackendOverflowDropsPendingEvents() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("a"));
            sink.overflowed();
            sink.changed(Change.CREATED, Path.of("b"));
        });
        assertSame(key, awaitKey());
        List<WatchEvent<?>> events = key.pollEvents();
        assertEquals(1, events.size());
        assertSame(OVERFLOW, events.get(0).kind());
        assertEquals(2, events.get(0).count());
    }

    @Test
    void cancelInvalidatesReleasesTheWatchAndIsIdempotent() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        key.cancel();
        assertFalse(key.isValid());
        assertFalse(key.reset());
        assertTrue(backend.newestWatch(dir).cancelled, "the backend watch is released");
        key.cancel();
        assertSame(dir, key.watchable());
    }

    @Test
    void aCancelledKeyStaysQueuedWithItsEventsAndGetsNoMore() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        var sink = backend.newestWatch(dir).sink;
        backend.report(dir, s -> s.changed(Change.CREATED, Path.of("a")));
        key.cancel();
        backend.report(dir, s -> sink.changed(Change.CREATED, Path.of("after")));
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_CREATE a"), describe(key.pollEvents()));
    }

    @Test
    void aWatchInvalidatedByTheBackendSignalsAnInvalidKey() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.invalidated("directory deleted"));
        assertSame(key, awaitKey());
        assertFalse(key.isValid());
        assertFalse(key.reset());
        assertTrue(backend.newestWatch(dir).cancelled, "what is left of the watch is released");
        WatchKey fresh = register(dir, ENTRY_CREATE);
        assertTrue(fresh.isValid());
        assertFalse(fresh == key, "an invalid key is never handed out again");
    }

    @Test
    void manyThreadsReportingAndConsumingLoseNoEvent() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        int rounds = 200;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                int n = i;
                backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("f" + n)));
            }
        });
        producer.start();
        List<String> seen = new ArrayList<>();
        while (seen.size() < rounds) {
            WatchKey signalled = awaitKey();
            seen.addAll(describe(signalled.pollEvents()));
            signalled.reset();
        }
        producer.join();
        assertEquals(rounds, seen.size());
        assertEquals("ENTRY_CREATE f" + (rounds - 1), seen.get(rounds - 1));
    }
}
