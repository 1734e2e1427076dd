package dev.nativewatch.core;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.Change;
import dev.nativewatch.testing.Links;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void recoveredEventsAreNotCappedAndASecondOverflowExtendsTheRecoveryInsteadOfDroppingThem() throws Exception {
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

        // A second overflow arrives before the consumer has read the recovered events: they stay...
        Files.createFile(dir.resolve("extra"));
        backend.report(dir, sink -> sink.overflowed());
        Set<Path> created = new HashSet<>();
        for (WatchEvent<?> event : key.pollEvents()) {
            assertSame(ENTRY_CREATE, event.kind());
            created.add((Path) event.context());
        }
        assertEquals(files, created.size());
        assertTrue(created.contains(Path.of("f0")));
        key.reset();
        // ...and the next pass reports only what the second overflow lost.
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_CREATE extra"), describe(key.pollEvents()));
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

    @Test
    void whatTheConsumerRetrievedBeforeTheOverflowIsNotRepeated() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createFile(dir.resolve("seen"));
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("seen")));
        assertEquals(List.of("ENTRY_CREATE seen"), describe(awaitKey().pollEvents()));
        key.reset();

        Files.createFile(dir.resolve("missed"));
        Files.delete(dir.resolve("seen"));
        backend.report(dir, sink -> sink.overflowed());
        assertEquals(List.of("OVERFLOW null"), describe(awaitKey().pollEvents()));
        key.reset();
        assertEquals(Set.of("ENTRY_DELETE seen", "ENTRY_CREATE missed"),
                new HashSet<>(describe(awaitKey().pollEvents())));
    }

    @Test
    void eventsDroppedByTheOverflowAreReportedAndThoseQueuedAfterItAreNotRepeated() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createFile(dir.resolve("dropped"));
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("dropped"));
            sink.overflowed();
        });
        assertEquals(List.of("OVERFLOW null"), describe(awaitKey().pollEvents()));
        // Reported after the OVERFLOW was taken, before the rescan: the rescan must not say it again.
        Files.createFile(dir.resolve("queued"));
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("queued")));
        key.reset();
        List<String> reported = new java.util.ArrayList<>();
        while (reported.size() < 2) {
            WatchKey next = awaitKey();
            reported.addAll(describe(next.pollEvents()));
            next.reset();
        }
        backend.report(dir, sink -> { });
        WatchKey more = service.poll();
        if (more != null) {
            reported.addAll(describe(more.pollEvents()));
        }
        assertEquals(2, reported.size(), reported.toString());
        assertEquals(Set.of("ENTRY_CREATE dropped", "ENTRY_CREATE queued"), new HashSet<>(reported));
    }

    @Test
    void aKernelEventThatRepeatsWhatTheRescanReportedIsDropped() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createFile(dir.resolve("late"));
        backend.report(dir, sink -> sink.overflowed());
        assertEquals(List.of("OVERFLOW null"), describe(awaitKey().pollEvents()));
        key.reset();
        assertEquals(List.of("ENTRY_CREATE late"), describe(awaitKey().pollEvents()));
        key.reset();

        // The kernel's own event for "late", read only after the scan, says nothing new.
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("late")));
        assertNull(service.poll());
        // A file made anew under the same name is news.
        Files.delete(dir.resolve("late"));
        Files.createDirectory(dir.resolve("late"));
        backend.report(dir, sink -> sink.changed(Change.DELETED, Path.of("late")));
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("late")));
        assertEquals(List.of("ENTRY_DELETE late", "ENTRY_CREATE late"), describe(awaitKey().pollEvents()));
    }

    /**
     * Changes read after the rescan but made before it can say something under a directory the rescan reported
     * gone: then the kernel's own deletion of that directory, which follows them, is no repeat, and must take them
     * from the consumer.
     */
    @Test
    void aDeletionThatFollowsAStaleChangeUnderItIsNotDroppedAsARepeat() throws Exception {
        Files.createDirectory(dir.resolve("p"));
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.SUBTREE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.delete(dir.resolve("p"));
        overflowAndTakeIt(key);
        assertEquals(List.of("ENTRY_DELETE p"), describe(awaitKey().pollEvents()));
        key.reset();

        // What the kernel queued before the scan: p/q made, then p renamed away.
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("p/q"));
            sink.changed(Change.DELETED, Path.of("p"));
        });
        assertEquals(List.of("ENTRY_CREATE p/q", "ENTRY_DELETE p"), describe(awaitKey().pollEvents()));
    }

    @Test
    void aRescanThatFindsNothingNewLeavesTheKeyQuiet() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        backend.report(dir, sink -> sink.overflowed());
        assertEquals(List.of("OVERFLOW null"), describe(awaitKey().pollEvents()));
        assertTrue(key.reset());
        awaitRescans(key);
        assertNull(service.poll());
        // Back to normal: the cap applies again and events flow.
        Files.createFile(dir.resolve("after"));
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("after")));
        assertEquals(List.of("ENTRY_CREATE after"), describe(awaitKey().pollEvents()));
        assertFalse(key.pollEvents().iterator().hasNext());
    }

    @Test
    void aRootThatIsASymbolicLinkIsRescannedThroughTheLink() throws Exception {
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.createFile(target.resolve("before"));
        Path link = Links.createSymbolicLink(dir.resolve("link"), target);
        WatchKey key = register(link, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createFile(target.resolve("missed"));
        Files.delete(target.resolve("before"));
        backend.report(link, sink -> sink.overflowed());
        assertEquals(List.of("OVERFLOW null"), describe(awaitKey().pollEvents()));
        key.reset();
        assertEquals(Set.of("ENTRY_DELETE before", "ENTRY_CREATE missed"),
                new HashSet<>(describe(awaitKey().pollEvents())));
    }

    /**
     * A consumer told that a directory was deleted forgets what it was told of under it: once the directory is
     * back, the rescan must report its entries again, however many of them it had heard of before.
     */
    @Test
    void entriesToldOfBeforeTheirDirectoryWasDeletedAreReportedOnceItIsBack() throws Exception {
        WatchKey key = watchTreeToldOfDirectoryAndFile();
        // p moved out and back: the events say so, and say nothing of what p holds.
        backend.report(dir, sink -> {
            sink.changed(Change.DELETED, Path.of("p"));
            sink.changed(Change.CREATED, Path.of("p"));
        });
        assertEquals(List.of("ENTRY_DELETE p", "ENTRY_CREATE p"), describe(awaitKey().pollEvents()));
        key.reset();

        overflowAndTakeIt(key);
        assertEquals(List.of("ENTRY_CREATE p/x"), describe(awaitKey().pollEvents()));
    }

    /** The same when the directory came back with the events that said so lost: its deletion must be remembered. */
    @Test
    void entriesOfADirectoryToldDeletedAreReportedWhenItCameBackUnheard() throws Exception {
        WatchKey key = watchTreeToldOfDirectoryAndFile();
        backend.report(dir, sink -> sink.changed(Change.DELETED, Path.of("p")));
        assertEquals(List.of("ENTRY_DELETE p"), describe(awaitKey().pollEvents()));
        key.reset();

        overflowAndTakeIt(key);
        assertEquals(List.of("ENTRY_CREATE p", "ENTRY_CREATE p/x"), describe(awaitKey().pollEvents()));
    }

    /**
     * A creation of a path the consumer holds (a directory renamed over it, with the deletion of what it held never
     * heard) takes nothing from the consumer: what it was told of under the path and is gone is reported gone.
     */
    @Test
    void entriesOfADirectoryReplacedUnheardAreReportedGone() throws Exception {
        WatchKey key = watchTreeToldOfDirectoryAndFile();
        Files.delete(dir.resolve("p/x"));
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("p")));
        assertEquals(List.of("ENTRY_CREATE p"), describe(awaitKey().pollEvents()));
        key.reset();

        overflowAndTakeIt(key);
        assertEquals(List.of("ENTRY_DELETE p/x"), describe(awaitKey().pollEvents()));
    }

    /** A tree watch with a rescan whose consumer has been told of {@code p} and {@code p/x}, both on disk. */
    private WatchKey watchTreeToldOfDirectoryAndFile() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.SUBTREE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Files.createDirectory(dir.resolve("p"));
        Files.createFile(dir.resolve("p/x"));
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("p"));
            sink.changed(Change.CREATED, Path.of("p/x"));
        });
        assertEquals(List.of("ENTRY_CREATE p", "ENTRY_CREATE p/x"), describe(awaitKey().pollEvents()));
        key.reset();
        return key;
    }

    /** The backend overflows; the consumer takes the OVERFLOW, alone, which starts the rescan. */
    private void overflowAndTakeIt(WatchKey key) throws Exception {
        backend.report(dir, sink -> sink.overflowed());
        assertEquals(List.of("OVERFLOW null"), describe(awaitKey().pollEvents()));
        key.reset();
    }
}
