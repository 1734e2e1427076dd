package dev.nativewatch.core;

import dev.nativewatch.ExtendedModifiers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RESCAN_ON_OVERFLOW: after an OVERFLOW, a rescan reports what changed, so nothing is lost for good. */
class OverflowRecoveryTest extends CoreFixture {

    private static final WatchEvent.Kind<?>[] CREATE_DELETE = {ENTRY_CREATE, ENTRY_DELETE};

    @Test
    void withoutTheModifierAnOverflowIsAllTheConsumerGets() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE);
        Files.createFile(dir.resolve("lost"));
        backend.report(dir, sink -> sink.overflowed());
        assertSame(key, awaitKey());
        assertEquals(List.of("OVERFLOW null"), describe(key.pollEvents()));
        key.reset();
        backend.report(dir, sink -> { });
        assertNull(service.poll());
    }

    @Test
    void afterTheOverflowIsRetrievedTheRescanReportsWhatChanged() throws Exception {
        Files.createFile(dir.resolve("old"));
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createFile(dir.resolve("new"));
        Files.delete(dir.resolve("old"));
        backend.report(dir, sink -> sink.overflowed());
        assertSame(key, awaitKey());
        List<WatchEvent<?>> first = key.pollEvents();
        assertEquals(List.of("OVERFLOW null"), describe(first), "OVERFLOW still comes alone");
        key.reset();
        assertSame(key, awaitKey());
        assertEquals(Set.of("ENTRY_DELETE old", "ENTRY_CREATE new"), new HashSet<>(describe(key.pollEvents())));
    }

    @Test
    void recoveredEventsAreNotCappedAndASecondOverflowDoesNotLoseThem() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        int files = EventLimit.DEFAULT * 2;
        for (int i = 0; i < files; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
        backend.report(dir, sink -> sink.overflowed());
        assertSame(key, awaitKey());
        assertEquals(List.of("OVERFLOW null"), describe(key.pollEvents()));
        key.reset();
        assertSame(key, awaitKey());

        // A second overflow arrives before the consumer has read the recovered events: they are dropped...
        backend.report(dir, sink -> sink.overflowed());
        assertEquals(List.of("OVERFLOW null"), describe(key.pollEvents()));
        key.reset();
        // ...and the next rescan, still based on the scan before them, reports them again.
        Set<Path> created = new HashSet<>();
        WatchKey next = awaitKey();
        for (WatchEvent<?> event : next.pollEvents()) {
            assertSame(ENTRY_CREATE, event.kind());
            created.add((Path) event.context());
        }
        assertEquals(files, created.size());
        assertTrue(created.contains(Path.of("f0")));
    }

    @Test
    void theRescanRunsOnlyOnceThePreviousOverflowWasRetrieved() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createFile(dir.resolve("a"));
        backend.report(dir, sink -> sink.overflowed());
        assertSame(key, awaitKey());
        backend.report(dir, sink -> { });
        List<WatchEvent<?>> events = key.pollEvents();
        assertEquals(1, events.size());
        assertSame(OVERFLOW, events.get(0).kind());
    }
}
