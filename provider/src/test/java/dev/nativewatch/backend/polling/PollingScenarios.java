package dev.nativewatch.backend.polling;

import dev.nativewatch.testing.TemporaryProperty;
import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the polling backend reports, on whichever file system a subclass provides. "Not reported" is checked
 * with a sentinel: a file created after the change under test, at the top, whose CREATE proves that a scan
 * has seen the change.
 */
abstract class PollingScenarios {

    static final Duration INTERVAL = Duration.ofMillis(50);

    NativeWatchService service;
    EventCollector collector;
    Path dir;

    /** @return a fresh, empty directory to watch */
    abstract Path newDirectory() throws IOException;

    @BeforeEach
    void start() throws IOException {
        dir = newDirectory();
        service = new NativeWatchService(new PollingBackend(INTERVAL), dir.getFileSystem(), relative -> relative);
        collector = new EventCollector(service);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    WatchKey register(WatchEvent.Kind<?>[] kinds, WatchEvent.Modifier... modifiers) throws IOException {
        return service.register(dir, dir, kinds, modifiers);
    }

    static WatchEvent.Kind<?>[] kinds(WatchEvent.Kind<?>... kinds) {
        return kinds;
    }

    void awaitSentinel(String name) throws IOException, InterruptedException {
        Files.createFile(dir.resolve(name));
        collector.until("ENTRY_CREATE " + name);
    }

    @Test
    void createModifyDelete() throws Exception {
        register(kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
        Path file = Files.writeString(dir.resolve("foo"), "1");
        collector.until("ENTRY_CREATE foo");
        Files.writeString(file, "12345");
        collector.until("ENTRY_MODIFY foo");
        Files.delete(file);
        collector.until("ENTRY_DELETE foo");
    }

    @Test
    void subtreeReportsNestedEntriesRelativeToTheRoot() throws Exception {
        register(kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
        Path nested = Files.createDirectories(dir.resolve("a").resolve("b").resolve("c"));
        Files.createFile(nested.resolve("foo"));
        String foo = dir.getFileSystem().getPath("a", "b", "c", "foo").toString();
        collector.until("ENTRY_CREATE " + foo);
        assertTrue(collector.events().contains("ENTRY_CREATE a"));
        Files.delete(nested.resolve("foo"));
        collector.until("ENTRY_DELETE " + foo);
    }

    @Test
    void withoutSubtreeNestedEntriesAreNotReported() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        register(kinds(ENTRY_CREATE));
        Files.createFile(sub.resolve("inner"));
        awaitSentinel("sentinel");
        assertFalse(collector.events().stream().anyMatch(e -> e.contains("inner")), collector.events().toString());
    }

    @Test
    void sizeAndLastWriteAreReportedUnderTheirOwnKinds() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "1");
        register(kinds(ExtendedKinds.ENTRY_SIZE, ExtendedKinds.ENTRY_LAST_WRITE));
        Files.writeString(file, "much longer content");
        // A write within the clock tick of the creation may keep the time; make the change certain.
        Files.setLastModifiedTime(file, FileTime.fromMillis(900_000_000_000L));
        collector.until(seen -> seen.contains("ENTRY_SIZE f") && seen.contains("ENTRY_LAST_WRITE f"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        collector.events().clear();
        collector.until("ENTRY_LAST_WRITE f");
        assertFalse(collector.events().contains("ENTRY_SIZE f"), "only the time changed");
    }

    @Test
    void lastAccessIsReportedOnlyWhenAskedFor() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "1");
        register(kinds(ENTRY_CREATE, ENTRY_MODIFY));
        Files.setAttribute(file, "basic:lastAccessTime", FileTime.fromMillis(1_000_000_000_000L));
        awaitSentinel("sentinel");
        assertFalse(collector.events().contains("ENTRY_MODIFY f"), "ENTRY_MODIFY never includes last-access");

        register(kinds(ExtendedKinds.ENTRY_LAST_ACCESS));
        Files.setAttribute(file, "basic:lastAccessTime", FileTime.fromMillis(1_100_000_000_000L));
        collector.until("ENTRY_LAST_ACCESS f");
    }

    @Test
    void renamesPairWhenTheRenameKindsAreRegistered() throws Exception {
        Files.createFile(dir.resolve("old"));
        register(kinds(ENTRY_CREATE, ENTRY_DELETE, ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO));
        Files.move(dir.resolve("old"), dir.resolve("new"));
        List<String> events = collector.until("ENTRY_RENAME_TO new");
        int from = events.indexOf("ENTRY_RENAME_FROM old");
        assertTrue(from >= 0, events.toString());
        assertEquals("ENTRY_RENAME_TO new", events.get(from + 1), "TO immediately follows FROM");
        assertFalse(events.contains("ENTRY_DELETE old"));
        assertFalse(events.contains("ENTRY_CREATE new"));
    }

    @Test
    void aRenamedDirectoryIsOneRenameNotOnePerEntry() throws Exception {
        Path d = Files.createDirectories(dir.resolve("d").resolve("inner"));
        Files.createFile(d.resolve("file"));
        register(kinds(ENTRY_CREATE, ENTRY_DELETE, ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO),
                ExtendedModifiers.SUBTREE);
        Files.move(dir.resolve("d"), dir.resolve("e"));
        awaitSentinel("sentinel");
        List<String> renames = collector.events().stream().filter(e -> !e.endsWith("sentinel")).toList();
        assertEquals(List.of("ENTRY_RENAME_FROM d", "ENTRY_RENAME_TO e"), renames);
    }

    @Test
    void aRenameIsDeleteAndCreateWithStandardKinds() throws Exception {
        Files.createFile(dir.resolve("old"));
        register(kinds(ENTRY_CREATE, ENTRY_DELETE));
        Files.move(dir.resolve("old"), dir.resolve("new"));
        collector.until(seen -> seen.contains("ENTRY_DELETE old") && seen.contains("ENTRY_CREATE new"));
    }

    @Test
    void deletingTheWatchedDirectoryInvalidatesAndSignalsTheKey() throws Exception {
        WatchKey key = register(kinds(ENTRY_CREATE));
        Files.delete(dir);
        assertSame(key, collector.untilInvalid());
        assertFalse(key.isValid());
    }

    @Test
    void rescanAfterOverflowReportsEveryFile() throws Exception {
        try (TemporaryProperty cap = TemporaryProperty.set("jdk.nio.file.WatchService.maxEventsPerPoll", "10");
             NativeWatchService capped = new NativeWatchService(new PollingBackend(INTERVAL), dir.getFileSystem(),
                     relative -> relative)) {
            capped.register(dir, dir, kinds(ENTRY_CREATE), ExtendedModifiers.RESCAN_ON_OVERFLOW);
            int files = 60;
            for (int i = 0; i < files; i++) {
                Files.createFile(dir.resolve("f" + i));
            }
            EventCollector cappedCollector = new EventCollector(capped);
            cappedCollector.until(seen -> java.util.stream.IntStream.range(0, files)
                    .allMatch(i -> seen.contains("ENTRY_CREATE f" + i)));
            assertTrue(cappedCollector.events().contains("OVERFLOW null"), "the cap of 10 was exceeded");
        }
    }
}
