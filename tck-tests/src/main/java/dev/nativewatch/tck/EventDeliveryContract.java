package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which events arrive for which changes, and what they look like. */
public abstract class EventDeliveryContract extends WatchServiceContract {

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected EventDeliveryContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    @Test
    @Tag(TckTags.SPEC)
    void creationIsReported() throws Exception {
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.createFile(dir.resolve("foo"));
        recorder().untilSeen("ENTRY_CREATE foo");
    }

    @Test
    @Tag(TckTags.SPEC)
    void deletionIsReported() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.delete(foo);
        recorder().untilSeen("ENTRY_DELETE foo");
    }

    @Test
    @Tag(TckTags.SPEC)
    void modificationIsReported() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        append(foo, "more");
        recorder().untilSeen("ENTRY_MODIFY foo");
    }

    @Test
    @Tag(TckTags.SPEC)
    void directoriesAreEntriesToo() throws Exception {
        register(dir, ENTRY_CREATE, ENTRY_DELETE);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sub");
        Files.delete(sub);
        events.untilSeen("ENTRY_DELETE sub");
    }

    @Test
    @Tag(TckTags.SPEC)
    void contextIsTheEntrysNameRelativeToTheDirectory() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Path foo = Files.createFile(dir.resolve("foo"));
        Observed created = recorder().untilSeen("ENTRY_CREATE foo").events().stream()
                .filter(e -> e.described().equals("ENTRY_CREATE foo")).findFirst().orElseThrow();
        Path context = assertInstanceOf(Path.class, created.event().context());
        assertFalse(context.isAbsolute(), "relative: " + context);
        assertEquals(1, context.getNameCount(), "one name: " + context);
        assertEquals("foo", context.getFileName().toString());
        Path watched = (Path) key.watchable();
        assertSame(watched.getFileSystem(), context.getFileSystem(), "the watchable's file system");
        assertTrue(Files.isSameFile(foo, watched.resolve(context)), "the watchable resolves it to the entry");
    }

    @Test
    @Tag(TckTags.SPEC)
    void standardKindsHavePathContexts() throws Exception {
        Path old = oldFile(dir.resolve("old"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        append(old, "more");
        Files.createFile(dir.resolve("new"));
        Files.delete(old);
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE new", "ENTRY_DELETE old");
        for (Observed event : events.events()) {
            if (!event.kind().equals("OVERFLOW")) {
                assertSame(Path.class, event.event().kind().type(), event.toString());
                assertInstanceOf(Path.class, event.event().context(), event.toString());
            }
        }
    }

    @Test
    @Tag(TckTags.SPEC)
    void countsArePositive() throws Exception {
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Path foo = Files.createFile(dir.resolve("foo"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE foo");
        for (int i = 0; i < 5; i++) {
            append(foo, "x");
        }
        events.untilSeen("ENTRY_MODIFY foo");
        Files.delete(foo);
        events.untilSeen("ENTRY_DELETE foo");
        assertTrue(events.events().stream().allMatch(e -> e.count() >= 1), events.toString());
    }

    @Test
    @Tag(TckTags.SPEC)
    void onlyRegisteredKindsAreReported() throws Exception {
        Path old = oldFile(dir.resolve("old"));
        Path gone = oldFile(dir.resolve("gone"));
        register(dir, ENTRY_CREATE);
        append(old, "more");
        Files.delete(gone);
        Files.createFile(dir.resolve("sentinel"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        assertTrue(events.events().stream().allMatch(e -> e.kind().equals("ENTRY_CREATE")), events.toString());
    }

    @Test
    @Tag(TckTags.SPEC)
    void eventsAreRetrievedOnce() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("foo"));
        assertSame(key, awaitKey(watcher));
        waitQuietPeriod();
        List<WatchEvent<?>> first = key.pollEvents();
        assertFalse(first.isEmpty());
        assertEquals(List.of(), key.pollEvents(), "a second pollEvents() has nothing left");
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void renameIsDeleteAndCreate() throws Exception {
        Path from = oldFile(dir.resolve("from"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE);
        Files.move(from, dir.resolve("to"), StandardCopyOption.ATOMIC_MOVE);
        recorder().untilSeen("ENTRY_DELETE from", "ENTRY_CREATE to");
    }

    @Test
    @Tag(TckTags.JDK_LINUX)
    @Tag(TckTags.JDK_WINDOWS)
    void eventsArriveInTheOrderOfTheChanges() throws Exception {
        Path from = oldFile(dir.resolve("from"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE);
        Files.createFile(dir.resolve("o1"));
        Files.createFile(dir.resolve("o2"));
        Files.createFile(dir.resolve("o3"));
        Files.move(from, dir.resolve("to"), StandardCopyOption.ATOMIC_MOVE);
        List<String> seen = recorder().untilSeen("ENTRY_CREATE to").described();
        assertEquals(List.of("ENTRY_CREATE o1", "ENTRY_CREATE o2", "ENTRY_CREATE o3", "ENTRY_DELETE from",
                "ENTRY_CREATE to"), seen);
    }

    /** LotsOfEvents' second half: a MODIFY for an entry whose last event is a MODIFY merges into it. */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void modificationsOfOneEntryAreMergedWithinAList() throws Exception {
        Random random = new Random(42);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(dir.resolve("foo" + i));
            if (random.nextBoolean()) {
                Files.createFile(files.get(i));
            }
        }
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        EventRecorder events = recorder();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 60; i++) {
                Path file = files.get(random.nextInt(files.size()));
                switch (random.nextInt(10)) {
                    case 0 -> {
                        if (Files.notExists(file)) {
                            Files.createFile(file);
                        }
                    }
                    case 1 -> Files.deleteIfExists(file);
                    default -> {
                        if (Files.exists(file)) {
                            append(file, "message");
                        }
                    }
                }
            }
            Files.createFile(dir.resolve("sentinel" + round));
            events.untilSeen("ENTRY_CREATE sentinel" + round);
        }
        events.drain(quiet());
        for (List<Observed> batch : events.batches()) {
            Set<String> modified = new HashSet<>();
            for (Observed event : batch) {
                if (event.kind().equals("ENTRY_MODIFY")) {
                    if (!modified.add(event.context())) {
                        fail("a second MODIFY of " + event.context() + " in one list: " + batch);
                    }
                } else {
                    modified.remove(event.context());
                }
            }
        }
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void settingTheModificationTimeIsModify() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.setLastModifiedTime(foo, FileTime.fromMillis(System.currentTimeMillis()));
        recorder().untilSeen("ENTRY_MODIFY foo");
    }

    @Test
    @Tag(TckTags.JDK_LINUX)
    void permissionChangeIsModify() throws Exception {
        assumeTrue(posix(dir), "no POSIX permissions on this file system");
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.setPosixFilePermissions(foo, PosixFilePermissions.fromString("rwx------"));
        EventRecorder events = afterSentinel(recorder(), dir);
        assertTrue(events.saw("ENTRY_MODIFY foo"), events.toString());
    }

    /** inotify reports an explicit change of the access time as IN_ATTRIB, which the JDK maps to MODIFY. */
    @Test
    @Tag(TckTags.JDK_LINUX)
    void settingTheAccessTimeIsModify() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.setAttribute(foo, "lastAccessTime", FileTime.fromMillis(1_000_000_000_000L));
        EventRecorder events = afterSentinel(recorder(), dir);
        assertTrue(events.saw("ENTRY_MODIFY foo"), events.toString());
    }

    /**
     * The JDK never reports a read. The file's access time is set long past first, so that even a relatime mount
     * updates it on the read, and a watcher that compares access times would see a change.
     */
    @Test
    @Tag(TckTags.JDK_COMMON)
    void readingAFileIsNotAModification() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        Files.setAttribute(foo, "lastAccessTime", LONG_AGO);
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.readAllBytes(foo);
        EventRecorder events = afterSentinel(recorder(), dir);
        assertFalse(events.saw("ENTRY_MODIFY foo"), events.toString());
    }

    @Test
    @Tag(TckTags.JDK_LINUX)
    void changesInsideASubdirectoryAreNotReported() throws Exception {
        Path sub = oldDirectory(dir.resolve("sub"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Files.createFile(sub.resolve("inner"));
        Files.createFile(dir.resolve("sentinel"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        assertEquals(List.of("ENTRY_CREATE sentinel"), events.described());
    }

    @Test
    @Tag(TckTags.SPEC)
    void changesInsideASubdirectoryHaveNoNestedContext() throws Exception {
        Path sub = oldDirectory(dir.resolve("sub"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Path inner = Files.createFile(sub.resolve("inner"));
        append(inner, "more");
        Files.createFile(dir.resolve("sentinel"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        assertTrue(events.events().stream().noneMatch(e -> e.context().contains("/")), events.toString());
    }
}
