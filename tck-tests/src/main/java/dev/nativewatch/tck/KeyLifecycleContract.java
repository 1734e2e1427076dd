package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key's states: ready, signalled and queued once, reset, cancelled, invalidated by the file system. */
public abstract class KeyLifecycleContract extends WatchServiceContract {

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected KeyLifecycleContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    @Test
    @Tag(TckTags.SPEC)
    void aNewKeyIsValidAndNotQueued() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        assertTrue(key.isValid());
        assertNull(watcher.poll(), "nothing changed");
        assertNull(watcher.poll(quiet().toMillis(), TimeUnit.MILLISECONDS), "nothing changed");
    }

    @Test
    @Tag(TckTags.SPEC)
    void aSignalledKeyIsNotQueuedAgainByMoreEvents() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        assertSame(key, awaitKey(watcher));
        Files.createFile(dir.resolve("b"));
        List<String> pending = new ArrayList<>();
        Tck.awaitCondition(() -> {
            key.pollEvents().forEach(e -> pending.add(Observed.of(key, e, 0).described()));
            return pending.contains("ENTRY_CREATE b");
        }, "the signalled key receives the event of b");
        assertNull(watcher.poll(quiet().toMillis(), TimeUnit.MILLISECONDS),
                "the key is signalled until reset, and is not queued again");
    }

    @Test
    @Tag(TckTags.SPEC)
    void resetKeyIsQueuedByTheNextEvent() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE a");
        Files.createFile(dir.resolve("b"));
        events.untilSeen("ENTRY_CREATE b");
        assertTrue(events.events().stream().allMatch(e -> e.key() == key));
    }

    @Test
    @Tag(TckTags.SPEC)
    void resetWithPendingEventsQueuesTheKeyAgain() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        assertSame(key, awaitKey(watcher));
        assertTrue(key.reset());
        assertSame(key, awaitKey(watcher), "the key is queued again, its events still pending");
        EventRecorder events = recorder();
        events.read(key);
        assertTrue(events.saw("ENTRY_CREATE a"), events.toString());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void resetOfAReadyKeyDoesNothing() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        assertTrue(key.reset());
        assertNull(watcher.poll(quiet().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The JDK enqueues the key once per reset() while events are pending, so a consumer takes it twice. */
    @Test
    @Tag(TckTags.DEVIATION)
    void aSecondResetDoesNotQueueTheKeyTwice() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        assertSame(key, awaitKey(watcher));
        key.reset();
        key.reset();
        assertSame(key, awaitKey(watcher));
        assertFalse(key.pollEvents().isEmpty());
        assertNull(watcher.poll(quiet().toMillis(), TimeUnit.MILLISECONDS),
                "the key was taken already and has not been reset since");
    }

    @Test
    @Tag(TckTags.SPEC)
    void pendingEventsSurviveCancel() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        assertSame(key, awaitKey(watcher));
        waitQuietPeriod();
        key.cancel();
        EventRecorder events = recorder();
        events.read(key);
        assertTrue(events.saw("ENTRY_CREATE a"), events.toString());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void pendingEventsSurviveClose() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        assertSame(key, awaitKey(watcher));
        waitQuietPeriod();
        watcher.close();
        EventRecorder events = new EventRecorder(watcher);
        events.read(key);
        assertTrue(events.saw("ENTRY_CREATE a"), events.toString());
    }

    @Test
    @Tag(TckTags.SPEC)
    void watchableSurvivesCancelAndClose() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        key.cancel();
        assertEquals(dir, key.watchable());
        WatchKey other = register(dir, ENTRY_CREATE);
        watcher.close();
        assertEquals(dir, other.watchable());
    }

    @Test
    @Tag(TckTags.SPEC)
    void cancelInvalidatesTheKey() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        key.cancel();
        assertFalse(key.isValid());
        assertFalse(key.reset());
        key.cancel();
        assertFalse(key.isValid());
    }

    @Test
    @Tag(TckTags.SPEC)
    void aCancelledKeyIsNotSignalled() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Path other = fixture().newDirectory();
        WatchKey sentinel = register(other, ENTRY_CREATE);
        key.cancel();
        Files.createFile(dir.resolve("a"));
        Files.createFile(other.resolve("sentinel"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        assertTrue(events.events().stream().allMatch(e -> e.key() == sentinel), events.toString());
        assertTrue(key.pollEvents().isEmpty());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void aQueuedKeyStaysQueuedWhenCancelled() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("a"));
        waitQuietPeriod();
        key.cancel();
        assertSame(key, awaitKey(watcher), "the key signalled before its cancel is still queued");
        EventRecorder events = recorder();
        events.read(key);
        assertTrue(events.saw("ENTRY_CREATE a"), events.toString());
    }

    @Test
    @Tag(TckTags.SPEC)
    void deletingTheDirectoryInvalidatesTheKey() throws Exception {
        Path inner = oldFile(dir.resolve("inner"));
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.delete(inner);
        Files.delete(dir);
        Tck.awaitCondition(() -> !key.isValid(), "the key of the deleted directory becomes invalid");
    }

    /** Basic.testAutomaticCancel: the key is queued, and reset() reports that it is no longer valid. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void deletingTheDirectorySignalsTheKey() throws Exception {
        Path inner = oldFile(dir.resolve("inner"));
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.delete(inner);
        Files.delete(dir);
        Tck.awaitCondition(() -> !key.isValid(), "the key of the deleted directory becomes invalid");
        EventRecorder events = recorder().drain(quiet());
        assertTrue(events.invalidKeys().contains(key), "the invalid key was signalled: " + events);
        assertTrue(events.events().stream().allMatch(e -> e.described().equals("ENTRY_DELETE inner")),
                "no event but the entry's deletion: " + events);
    }

    /** inotify watches the inode: after a rename the key stays valid, its watchable stale. */
    @Test
    @Tag(TckTags.JDK_LINUX)
    void renamingTheDirectoryKeepsTheKeyValid() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Path moved = fixture().newDirectory().resolve("moved");
        Files.move(dir, moved, StandardCopyOption.ATOMIC_MOVE);
        Files.createFile(moved.resolve("a"));
        EventRecorder events = recorder().until(r -> r.saw("ENTRY_CREATE a") || !key.isValid(),
                "the CREATE of a, or the key's end");
        assertTrue(key.isValid(), "the key of the renamed directory is still valid");
        assertSame(key, events.events().get(0).key());
        assertEquals(dir, key.watchable(), "the watchable is the path registered, now stale");
        assertSame(key, register(moved, ENTRY_CREATE), "the same directory, the same key");
    }
}
