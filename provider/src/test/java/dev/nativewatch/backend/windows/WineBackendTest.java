package dev.nativewatch.backend.windows;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole service on the Windows backend, against Wine's real ReadDirectoryChangesW through the bridge. Wine
 * is a peer implementation, not Windows (it builds the notifications on inotify); where it differs from
 * Windows' documented behaviour the test says so by name.
 */
class WineBackendTest {

    @TempDir
    Path dir;
    WineBridge bridge;
    NativeWatchService service;
    EventCollector collector;
    final List<WineBridgeIo.Stats> statsAtClose = new ArrayList<>();
    final List<byte[]> buffers = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        bridge = WineFixture.bridge();
        // Records what the bridge still holds when the engine closes its Win32Io, before the helper exits.
        Win32Io.Factory recording = () -> new RecordingWin32Io(bridge.open(), statsAtClose, buffers);
        service = new NativeWatchService(new WindowsBackend(recording, Duration.ofMillis(200)),
                FileSystems.getDefault(), relative -> relative);
        collector = new EventCollector(service);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    WatchKey register(Path directory, WatchEvent.Kind<?>[] kinds, WatchEvent.Modifier... modifiers) throws IOException {
        return service.register(directory, directory, kinds, modifiers);
    }

    static WatchEvent.Kind<?>[] kinds(WatchEvent.Kind<?>... kinds) {
        return kinds;
    }

    WineBridgeIo session() {
        List<WineBridgeIo> sessions = bridge.sessions();
        return sessions.get(sessions.size() - 1);
    }

    @Test
    void createModifyDelete() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
        Path file = Files.writeString(dir.resolve("foo"), "1");
        collector.until("ENTRY_CREATE foo");
        Files.writeString(file, "12345");
        collector.until("ENTRY_MODIFY foo");
        Files.delete(file);
        collector.until("ENTRY_DELETE foo");
    }

    @Test
    void anAttributeChangeIsAModifyForStandardKinds() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        register(dir, kinds(ENTRY_MODIFY));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        collector.until("ENTRY_MODIFY f");
    }

    @Test
    @DisplayName("subtree paths a/b/c/foo (wine races on brand-new subdirectories, so each is awaited before use)")
    void subtreePathsAwaitingEachNewDirectoryBecauseWineRacesOnThem() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
        // Wine watches a new subdirectory only once its server has seen it created; Windows needs no waiting.
        Files.createDirectory(dir.resolve("a"));
        collector.until("ENTRY_CREATE a");
        Files.createDirectory(dir.resolve("a/b"));
        collector.until("ENTRY_CREATE a/b");
        Files.createDirectory(dir.resolve("a/b/c"));
        collector.until("ENTRY_CREATE a/b/c");
        Files.createFile(dir.resolve("a/b/c/foo"));
        collector.until("ENTRY_CREATE a/b/c/foo");
        Files.delete(dir.resolve("a/b/c/foo"));
        collector.until("ENTRY_DELETE a/b/c/foo");
        assertEquals(4, service.fileSystem().getPath("a/b/c/foo").getNameCount());
    }

    @Test
    @DisplayName("exclusions drop events under excluded directories and of excluded files before the key")
    void exclusionsAreFilteredBeforeTheKey() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE,
                ExtendedModifiers.exclude("node_modules", "**/*.tmp"));
        // Each new directory is awaited before use: Wine watches it only once its server has seen it created.
        Files.createDirectory(dir.resolve("node_modules"));
        Files.createDirectory(dir.resolve("a"));
        collector.until("ENTRY_CREATE a");
        Files.createFile(dir.resolve("node_modules/f"));
        Files.createFile(dir.resolve("a/x.tmp"));
        Files.createFile(dir.resolve("a/kept"));
        collector.until("ENTRY_CREATE a/kept");
        Files.createFile(dir.resolve("sentinel"));
        List<String> events = collector.until("ENTRY_CREATE sentinel");
        assertTrue(events.stream().noneMatch(e -> e.contains("node_modules") || e.contains(".tmp")),
                events.toString());
        // Registered again without exclusions: the same handle's events under node_modules now reach the key,
        // so their absence above was the filter's doing.
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
        Files.createFile(dir.resolve("node_modules/g"));
        collector.until("ENTRY_CREATE node_modules/g");
    }

    @Test
    @DisplayName("wine does not watch subdirectories that existed before the watch (Windows does)")
    void wineDoesNotWatchSubdirectoriesThatExistedBeforeTheWatch() throws Exception {
        Files.createDirectories(dir.resolve("old/deep"));
        register(dir, kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE);
        Files.createFile(dir.resolve("old/deep/missed"));
        Files.createFile(dir.resolve("sentinel"));
        List<String> events = collector.until("ENTRY_CREATE sentinel");
        assertFalse(events.contains("ENTRY_CREATE old/deep/missed"), "Wine started reporting these: " + events);
    }

    @Test
    @DisplayName("wine reports changes inside a renamed subdirectory under its old name (Windows: the new one)")
    void wineReportsChangesInsideARenamedSubdirectoryUnderItsOldName() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
        Files.createDirectory(dir.resolve("a"));
        collector.until("ENTRY_CREATE a");
        Files.move(dir.resolve("a"), dir.resolve("b"));
        collector.until("ENTRY_CREATE b");
        Files.createFile(dir.resolve("b/f"));
        collector.until("ENTRY_CREATE a/f");
        assertTrue(written(FileNotifyDecoder.FILE_ACTION_ADDED, "a\\f"), "the old name is in Wine's own buffer");
    }

    @Test
    @DisplayName("wine goes on reporting a subdirectory moved out of the tree, under its old name (Windows: nothing)")
    void wineGoesOnReportingASubdirectoryMovedOutOfTheTree() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        register(root, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
        Files.createDirectory(root.resolve("a"));
        collector.until("ENTRY_CREATE a");
        Files.move(root.resolve("a"), outside.resolve("a"));
        collector.until("ENTRY_DELETE a");
        Files.createFile(outside.resolve("a/f"));
        collector.until("ENTRY_CREATE a/f");
        assertTrue(written(FileNotifyDecoder.FILE_ACTION_ADDED, "a\\f"), "the old name is in Wine's own buffer");
    }

    @Test
    void renamesArePairedWhenRenameKindsAreRegistered() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE, ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO));
        Files.createFile(dir.resolve("a"));
        collector.until("ENTRY_CREATE a");
        Files.move(dir.resolve("a"), dir.resolve("b"));
        List<String> events = collector.until("ENTRY_RENAME_TO b");
        int to = events.indexOf("ENTRY_RENAME_TO b");
        assertEquals("ENTRY_RENAME_FROM a", events.get(to - 1), events.toString());
        assertFalse(events.contains("ENTRY_DELETE a"), events.toString());
    }

    @Test
    @DisplayName("wine does not pad records: NextEntryOffset is 12 + the name's bytes, not a multiple of 4")
    void wineDoesNotPadRecords() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE));
        Files.createFile(dir.resolve("a"));
        collector.until("ENTRY_CREATE a");
        // Wine reports both halves of a rename from one inotify read, so they share a buffer.
        Files.move(dir.resolve("a"), dir.resolve("b"));
        collector.until("ENTRY_CREATE b");
        byte[] rename = buffers.stream().filter(b -> FileNotifyDecoder.decode(b, 0, b.length).records().contains(
                new FileNotifyDecoder.NotifyRecord(FileNotifyDecoder.FILE_ACTION_RENAMED_OLD_NAME, "a"))).findFirst()
                .orElseThrow();
        assertEquals(12 + 2, rename[0], "Windows would write 16");
    }

    @Test
    @DisplayName("wine exports no ReadDirectoryChangesExW, which the backend does not use")
    void wineExportsNoReadDirectoryChangesExW() throws Exception {
        register(dir, kinds(ENTRY_CREATE));
        assertTrue(session().exports("kernel32.dll", "ReadDirectoryChangesW"));
        assertFalse(session().exports("kernel32.dll", "ReadDirectoryChangesExW"));
    }

    @Test
    void renamesAreDeleteThenCreateForStandardKinds() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE));
        Files.createFile(dir.resolve("a"));
        collector.until("ENTRY_CREATE a");
        Files.move(dir.resolve("a"), dir.resolve("b"));
        List<String> events = collector.until("ENTRY_CREATE b");
        assertEquals("ENTRY_DELETE a", events.get(events.indexOf("ENTRY_CREATE b") - 1), events.toString());
    }

    @Test
    void aTinyBufferOverflowsAndTheRescanRecoversEveryChange() throws Exception {
        WatchKey key = register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), ExtendedModifiers.bufferSize(16),
                ExtendedModifiers.RESCAN_ON_OVERFLOW);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("file-" + i);
            Files.createFile(dir.resolve("file-" + i));
        }
        // No record fits in 16 bytes: every read completes with zero bytes, which is an overflow.
        collector.until(seen -> seen.contains("OVERFLOW null") && afterOverflow(seen).containsAll(creates(names)));
        Files.createFile(dir.resolve("after"));
        collector.until(seen -> afterOverflow(seen).contains("ENTRY_CREATE after"));
        assertTrue(key.isValid(), "the read was re-armed after each overflow");
    }

    @Test
    @DisplayName("root deleted: wine completes no read, so the liveness check invalidates the key")
    void rootDeletedInvalidatesTheKeyThroughTheLivenessCheckBecauseWineCompletesNothing() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.createFile(root.resolve("x"));
        WatchKey key = register(root, kinds(ENTRY_CREATE, ENTRY_DELETE));
        assertEquals(1, session().stats().directoryHandles());
        Files.delete(root.resolve("x"));
        Files.delete(root);
        assertSame(key, collector.untilInvalid());
        assertFalse(key.isValid());
        assertEquals(new WineBridgeIo.Stats(0, 0, 0, 1), session().stats(), "handle closed, read memory freed");
        Files.createDirectory(root); // nothing keeps the name
    }

    @Test
    void rootMovedAwayInvalidatesTheKey() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        WatchKey key = register(root, kinds(ENTRY_CREATE));
        Files.move(root, dir.resolve("moved"));
        assertSame(key, collector.untilInvalid());
        assertEquals(0, session().stats().directoryHandles());
    }

    @Test
    void cancelAndCloseReleaseEveryHandleAndEndTheBridge() throws Exception {
        Path second = Files.createDirectory(dir.resolve("second"));
        register(dir, kinds(ENTRY_CREATE, ENTRY_MODIFY));
        // An extended kind: a names handle plus a SECURITY-only handle.
        WatchKey extended = register(second, kinds(ENTRY_CREATE, ExtendedKinds.ENTRY_SECURITY));
        WineBridgeIo session = session();
        assertEquals(new WineBridgeIo.Stats(3, 3, 3, 1), session.stats());
        extended.cancel();
        assertEquals(new WineBridgeIo.Stats(1, 1, 1, 1), session.stats(), "cancel waited for the aborted read");
        service.close();
        assertEquals(List.of(new WineBridgeIo.Stats(0, 0, 0, 1)), statsAtClose,
                "every handle closed and every read completed before the port is closed");
        assertTrue(session.process().waitFor(EventCollector.DEADLINE_SECONDS, TimeUnit.SECONDS), "the helper ended");
        assertEquals(0, session.process().exitValue());
    }

    @Test
    void theHelperStartsWithTheFirstRegistrationAndAnIdleServiceClosesAtOnce() throws Exception {
        int before = bridge.sessions().size();
        NativeWatchService idle = new NativeWatchService(new WindowsBackend(bridge), FileSystems.getDefault(),
                relative -> relative);
        idle.close();
        assertEquals(before, bridge.sessions().size(), "a service that watched nothing started no helper");
        register(dir, kinds(ENTRY_CREATE));
        assertEquals(before + 1, bridge.sessions().size());
        assertTrue(session().process().isAlive());
    }

    @Test
    void reRegistrationThroughAnotherPathReturnsTheSameKey() throws Exception {
        WatchKey key = register(dir, kinds(ENTRY_CREATE));
        assertSame(key, service.register(dir.resolve("."), dir, kinds(ENTRY_CREATE)));
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            assertSame(key, service.register(link, link, kinds(ENTRY_CREATE, ENTRY_DELETE)));
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aMissingDirectoryAndAFileAreRefusedAsTheJdkRefusesThem() throws Exception {
        assertThrows(NoSuchFileException.class, () -> register(dir.resolve("missing"), kinds(ENTRY_CREATE)));
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(NotDirectoryException.class, () -> register(file, kinds(ENTRY_CREATE)));
        register(dir, kinds(ENTRY_CREATE));
        Files.createFile(dir.resolve("still-usable"));
        collector.until("ENTRY_CREATE still-usable");
    }

    @Test
    void aRootLongerThanMaxPathIsWatchedThroughTheLongPathPrefix() throws Exception {
        Path deep = dir;
        while (deep.toString().length() <= 300) {
            deep = deep.resolve("d".repeat(100));
        }
        Files.createDirectories(deep);
        register(deep, kinds(ENTRY_CREATE));
        Files.createFile(deep.resolve("far"));
        collector.until("ENTRY_CREATE far");
    }

    @Test
    void namesWithATildeSurviveTheShortNameExpansion() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE));
        Files.createFile(dir.resolve("backup~"));
        Files.createFile(dir.resolve("REPORT~1.TXT"));
        collector.until(seen -> seen.contains("ENTRY_CREATE backup~") && seen.contains("ENTRY_CREATE REPORT~1.TXT"));
        Files.delete(dir.resolve("backup~"));
        collector.until("ENTRY_DELETE backup~");
    }

    @Test
    void anExtendedKindIsReportedUnderItsOwnKind() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        register(dir, kinds(ENTRY_MODIFY, ExtendedKinds.ENTRY_SIZE));
        Files.writeString(file, "grown");
        collector.until(seen -> seen.contains("ENTRY_SIZE f") && seen.contains("ENTRY_MODIFY f"));
    }

    @Test
    @DisplayName("wine folds SECURITY into ATTRIBUTES: a chmod fires both the ATTRIBUTES and the SECURITY handle")
    void wineFoldsSecurityIntoAttributes() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        register(dir, kinds(ExtendedKinds.ENTRY_ATTRIBUTES, ExtendedKinds.ENTRY_SECURITY));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        // On Windows an ACL change fires only the SECURITY handle; Wine maps both filters to IN_ATTRIB.
        collector.until(seen -> seen.contains("ENTRY_SECURITY f") && seen.contains("ENTRY_ATTRIBUTES f"));
    }

    /** @return whether a completed read's buffer held this record, as the helper passed it on */
    private boolean written(int action, String name) {
        synchronized (buffers) {
            return buffers.stream().anyMatch(b -> FileNotifyDecoder.decode(b, 0, b.length).records()
                    .contains(new FileNotifyDecoder.NotifyRecord(action, name)));
        }
    }

    private static List<String> creates(List<String> names) {
        return names.stream().map(name -> "ENTRY_CREATE " + name).toList();
    }

    private static List<String> afterOverflow(List<String> events) {
        int overflow = events.indexOf("OVERFLOW null");
        return overflow < 0 ? List.of() : events.subList(overflow + 1, events.size());
    }
}
