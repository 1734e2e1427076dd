package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.DirectoryWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.nativewatch.backend.linux.EngineHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The engine against the real kernel, driven on the test thread with a recording sink: one directory at a time. */
class InotifyEngineTest {

    @TempDir
    Path temp;
    Path dir;
    Path scratch;
    EngineHarness harness;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createDirectory(temp.resolve("watched"));
        scratch = Files.createDirectory(temp.resolve("scratch"));
        harness = new EngineHarness();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void createWriteAndDeleteAreReportedAsTheirClasses() throws IOException {
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED, Change.DELETED, Change.SIZE, Change.LAST_WRITE));
        Path file = Files.writeString(dir.resolve("f"), "content");
        harness.until(() -> sink.saw("CREATED f") && sink.saw("SIZE f") && sink.saw("LAST_WRITE f"), sink::toString);
        assertEquals("CREATED f", sink.events.get(0), "the creation comes first");
        Files.delete(file);
        harness.until(sink, "DELETED f");
    }

    @Test
    void aRenameIsOnePairWhenAskedFor() throws IOException {
        Files.createFile(dir.resolve("old"));
        RecordingSink sink = harness.watch(dir, spec(EnumSet.of(Change.CREATED, Change.DELETED), false, true));
        Files.move(dir.resolve("old"), dir.resolve("new"));
        harness.until(sink, "RENAMED old -> new");
        harness.sync(scratch);
        assertEquals(List.of("RENAMED old -> new"), sink.events);
    }

    @Test
    void aRenameIsDeleteThenCreateWithoutPairing() throws IOException {
        Files.createFile(dir.resolve("old"));
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED, Change.DELETED));
        Files.move(dir.resolve("old"), dir.resolve("new"));
        harness.until(sink, "CREATED new");
        assertEquals(List.of("DELETED old", "CREATED new"), sink.events);
    }

    @Test
    void movesOutOfAndIntoTheDirectoryAreDeleteAndCreateEvenWhenPairing() throws IOException {
        Files.createFile(dir.resolve("leaving"));
        Files.createFile(scratch.resolve("arriving"));
        RecordingSink sink = harness.watch(dir, spec(EnumSet.of(Change.CREATED, Change.DELETED), false, true));
        Files.move(dir.resolve("leaving"), temp.resolve("left"));
        Files.move(scratch.resolve("arriving"), dir.resolve("arrived"));
        harness.until(sink, "CREATED arrived");
        assertEquals(List.of("DELETED leaving", "CREATED arrived"), sink.events);
    }

    @Test
    void aRenameOnlyHalfRegisteredStillPairs() throws IOException {
        Files.createFile(dir.resolve("old"));
        // ENTRY_RENAME_TO alone: the core asks for CREATED with renames paired; IN_MOVED_FROM is still needed.
        RecordingSink sink = harness.watch(dir, spec(EnumSet.of(Change.CREATED), false, true));
        Files.move(dir.resolve("old"), dir.resolve("new"));
        harness.until(sink, "RENAMED old -> new");
    }

    @Test
    void chmodIsAttributesAndSecurity() throws IOException {
        Path file = Files.createFile(dir.resolve("f"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        RecordingSink sink = harness.watch(dir, spec(Change.ATTRIBUTES, Change.SECURITY));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        harness.until(() -> sink.saw("ATTRIBUTES f") && sink.saw("SECURITY f"), sink::toString);
    }

    @Test
    void settingATimestampIsNotASecurityChange() throws IOException {
        Path file = Files.createFile(dir.resolve("f"));
        RecordingSink sink = harness.watch(dir, spec(Change.ATTRIBUTES, Change.SECURITY, Change.LAST_WRITE));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        harness.until(() -> sink.saw("ATTRIBUTES f") && sink.saw("LAST_WRITE f"), sink::toString);
        harness.sync(scratch);
        assertFalse(sink.saw("SECURITY f"), sink.toString());
    }

    @Test
    void chownIsSecurity() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path file = Files.createFile(dir.resolve("f"));
        RecordingSink sink = harness.watch(dir, spec(Change.SECURITY));
        Files.setAttribute(file, "unix:uid", 4242);
        harness.until(sink, "SECURITY f");
        Files.setAttribute(file, "unix:gid", 4343);
        sink.events.clear();
        harness.until(sink, "SECURITY f");
    }

    @Test
    void aPosixAclChangeIsSecurityEvenWhenTheModeStaysTheSame() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        assumeTrue(run("setfacl", "-m", "u:4242:rwx,m::rwx", file.toString()) == 0,
                "setfacl is not installed, or this file system has no POSIX ACLs");
        int mode = (Integer) Files.getAttribute(file, "unix:mode");
        RecordingSink sink = harness.watch(dir, spec(Change.SECURITY));
        assertEquals(0, run("setfacl", "-m", "u:4242:r,m::rwx", file.toString()));
        assertEquals(mode, (Integer) Files.getAttribute(file, "unix:mode"), "only the ACL entry changed");
        harness.until(sink, "SECURITY f");
    }

    @Test
    void touchAccessIsLastAccess() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        RecordingSink sink = harness.watch(dir, spec(Change.LAST_ACCESS));
        assertEquals(0, run("touch", "-a", file.toString()));
        harness.until(sink, "LAST_ACCESS f");
    }

    @Test
    void settingTheLastAccessTimeIsLastAccess() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        RecordingSink sink = harness.watch(dir, spec(Change.LAST_ACCESS, Change.LAST_WRITE));
        // The JDK sets both times at once, which the kernel reports as IN_ATTRIB, not IN_ACCESS.
        Files.setAttribute(file, "basic:lastAccessTime", FileTime.fromMillis(1_000_000_000_000L));
        harness.until(sink, "LAST_ACCESS f");
        harness.sync(scratch);
        assertFalse(sink.saw("LAST_WRITE f"), "only the access time changed: " + sink);
    }

    @Test
    void eventsOnTheWatchedDirectoryItselfAreIgnored() throws IOException {
        RecordingSink sink = harness.watch(dir, spec(EnumSet.complementOf(EnumSet.of(Change.LAST_ACCESS)), false,
                false));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.setLastModifiedTime(dir, FileTime.fromMillis(1_000_000_000_000L));
        harness.sync(scratch);
        assertEquals(List.of(), sink.events);
    }

    @Test
    void withoutSubtreeOnlyDirectChildrenAreReported() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED, Change.SIZE));
        Files.writeString(sub.resolve("inner"), "x");
        harness.sync(scratch);
        assertEquals(List.of(), sink.events);
    }

    @Test
    void registrationsOfOneDirectoryShareOneKernelWatchAndFilterTheirOwnEvents() throws IOException {
        harness.sync(scratch);
        int baseline = harness.engine.kernelWatchCount();
        Path existing = Files.createFile(dir.resolve("existing"));
        RecordingSink creates = harness.watch(dir, spec(Change.CREATED));
        RecordingSink writesSink = new RecordingSink();
        DirectoryWatch writes = harness.watch(dir, spec(Change.SIZE), writesSink);
        assertEquals(baseline + 1, harness.engine.kernelWatchCount(), "the same inode gives the same wd");

        Files.writeString(dir.resolve("new"), "x");
        Files.writeString(existing, "grown");
        harness.until(() -> creates.saw("CREATED new") && writesSink.saw("SIZE existing"),
                () -> creates + " / " + writesSink);
        harness.sync(scratch);
        assertEquals(List.of("CREATED new"), creates.events);
        assertFalse(writesSink.events.stream().anyMatch(e -> e.startsWith("CREATED")), writesSink.toString());

        writes.cancel();
        assertEquals(baseline + 1, harness.engine.kernelWatchCount(), "still used by the other registration");
        Files.writeString(dir.resolve("newer"), "x");
        harness.until(creates, "CREATED newer");
    }

    @Test
    void cancellingOneOfTwoRegistrationsKeepsTheWiderMaskOfTheOther() throws IOException {
        Path existing = Files.createFile(dir.resolve("existing"));
        DirectoryWatch creates = harness.watch(dir, spec(Change.CREATED), new RecordingSink());
        RecordingSink writes = harness.watch(dir, spec(Change.SIZE));
        creates.cancel();
        Files.writeString(existing, "grown");
        harness.until(writes, "SIZE existing");
    }

    @Test
    void respecifyingReplacesTheChangeClasses() throws IOException {
        Path existing = Files.createFile(dir.resolve("existing"));
        RecordingSink sink = new RecordingSink();
        DirectoryWatch watch = harness.watch(dir, spec(Change.CREATED), sink);
        watch.respecify(spec(Change.SIZE, Change.SECURITY));
        Files.createFile(dir.resolve("later"));
        Files.writeString(existing, "grown");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwx------"));
        harness.until(() -> sink.saw("SIZE existing") && sink.saw("SECURITY existing"), sink::toString);
        assertFalse(sink.saw("CREATED later"), sink.toString());
    }

    @Test
    void theReaderFallingBehindIsAnOverflowOnEveryWatchAndTheWatchesGoOn() throws IOException {
        int queued = Integer.parseInt(sysctl("max_queued_events"));
        assumeTrue(queued <= 200_000, "fs.inotify.max_queued_events is too large to fill in a test: " + queued);
        Path other = Files.createDirectory(temp.resolve("other"));
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED));
        RecordingSink otherSink = harness.watch(other, spec(Change.CREATED));
        // Nothing reads while the queue fills: the engine only reads inside awaitChanges.
        for (int i = 0; i < queued + 100; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
        harness.until(() -> sink.overflows > 0 && otherSink.overflows > 0, sink::toString);
        Files.createFile(dir.resolve("after"));
        Files.createFile(other.resolve("after"));
        harness.until(() -> sink.saw("CREATED after") && otherSink.saw("CREATED after"), sink::toString);
    }

    @Test
    void deletingTheWatchedDirectoryInvalidatesTheWatchOnceAndReleasesIt() throws IOException {
        harness.sync(scratch);
        int baseline = harness.engine.kernelWatchCount();
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED, Change.DELETED));
        Files.createFile(dir.resolve("x"));
        Files.delete(dir.resolve("x"));
        Files.delete(dir);
        harness.until(() -> sink.invalidations > 0, sink::toString);
        harness.sync(scratch);
        assertEquals(1, sink.invalidations, sink.toString());
        assertEquals(List.of("CREATED x", "DELETED x"), sink.events.subList(0, 2));
        assertEquals(baseline, harness.engine.kernelWatchCount());
    }

    @Test
    void movingTheWatchedDirectoryKeepsTheWatchWithEventsRelativeToIt() throws IOException {
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED));
        Path moved = Files.move(dir, temp.resolve("moved"));
        Files.createFile(moved.resolve("inside"));
        harness.until(sink, "CREATED inside");
        assertEquals(0, sink.invalidations);
    }

    @Test
    void unmountingTheWatchedFileSystemInvalidatesTheWatch() throws Exception {
        assumeMount(dir);
        try {
            RecordingSink sink = harness.watch(dir, spec(Change.CREATED));
            Files.createFile(dir.resolve("on-tmpfs"));
            harness.until(sink, "CREATED on-tmpfs");
            assertEquals(0, run("umount", dir.toString()));
            harness.until(() -> sink.invalidations > 0, sink::toString);
            assertTrue(sink.invalidation.contains("unmounted"), sink.invalidation);
        } finally {
            run("umount", dir.toString());
        }
    }

    /** Skips the test unless a tmpfs can be mounted on {@code mountPoint} (root, and mounts allowed). */
    static void assumeMount(Path mountPoint) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can mount");
        assumeTrue(run("mount", "-t", "tmpfs", "nativewatch-test", mountPoint.toString()) == 0,
                "mounting a tmpfs is not allowed here");
    }

    @Test
    void anUnmountInvalidatesTheWatch() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            RecordingSink sink = faulty.watch(dir, spec(Change.CREATED));
            int wd = api.liveWatches().iterator().next();
            api.inject(concat(record(wd, InotifyApi.IN_UNMOUNT, null), record(wd, InotifyApi.IN_IGNORED, null)));
            faulty.until(() -> sink.invalidations > 0, sink::toString);
            assertTrue(sink.invalidation.contains("unmounted"), sink.invalidation);
            assertEquals(1, sink.invalidations);
        }
    }

    @Test
    void aMalformedReadIsAnOverflowAndReadingGoesOn() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            RecordingSink sink = faulty.watch(dir, spec(Change.CREATED));
            int wd = api.liveWatches().iterator().next();
            byte[] cut = record(wd, InotifyApi.IN_CREATE, "cut-short");
            api.inject(concat(record(wd, InotifyApi.IN_CREATE, "whole"), java.util.Arrays.copyOf(cut, cut.length - 4)));
            faulty.until(() -> sink.overflows > 0, sink::toString);
            assertEquals(List.of("CREATED whole", "OVERFLOW"), sink.events);
            Files.createFile(dir.resolve("real"));
            faulty.until(sink, "CREATED real");
        }
    }

    @Test
    void aMoveSplitBetweenTwoReadsIsStillOneRename() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            RecordingSink sink = faulty.watch(dir, spec(EnumSet.of(Change.CREATED, Change.DELETED), false, true));
            int wd = api.liveWatches().iterator().next();
            api.inject(concat(record(wd, InotifyApi.IN_CREATE, "first"), record(wd, InotifyApi.IN_MOVED_FROM, 7, "old")));
            api.inject(concat(record(wd, InotifyApi.IN_MOVED_TO, 7, "new"), record(wd, InotifyApi.IN_CREATE, "last")));
            faulty.until(sink, "CREATED last");
            assertEquals(List.of("CREATED first", "RENAMED old -> new", "CREATED last"), sink.events);
        }
    }

    @Test
    void aMoveFromAtTheEndOfWhatIsQueuedIsADeletion() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            RecordingSink sink = faulty.watch(dir, spec(EnumSet.of(Change.CREATED, Change.DELETED), false, true));
            int wd = api.liveWatches().iterator().next();
            api.inject(record(wd, InotifyApi.IN_MOVED_FROM, 9, "gone"));
            faulty.until(sink, "DELETED gone");
            // A late IN_MOVED_TO with the same cookie is a creation: the pair was not in the queue at once.
            api.inject(record(wd, InotifyApi.IN_MOVED_TO, 9, "back"));
            faulty.until(sink, "CREATED back");
            assertEquals(List.of("DELETED gone", "CREATED back"), sink.events);
        }
    }

    @Test
    void aMoveFromFollowedByAnotherEventIsADeletionInItsPlace() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            RecordingSink sink = faulty.watch(dir, spec(EnumSet.of(Change.CREATED, Change.DELETED), false, true));
            int wd = api.liveWatches().iterator().next();
            api.inject(concat(record(wd, InotifyApi.IN_MOVED_FROM, 3, "out"), record(wd, InotifyApi.IN_CREATE, "x"),
                    record(wd, InotifyApi.IN_MOVED_TO, 3, "in")));
            faulty.until(sink, "CREATED in");
            assertEquals(List.of("DELETED out", "CREATED x", "CREATED in"), sink.events);
        }
    }

    @Test
    void closingTheEngineReleasesItsPollSet() throws IOException {
        TestApi api = new TestApi();
        EngineHarness faulty = new EngineHarness(api);
        assertEquals(1, api.openPollSets());
        faulty.close();
        assertEquals(0, api.openPollSets());
        faulty.engine.close();
        assertEquals(0, api.openPollSets(), "closing twice releases nothing twice");
        InotifyException e = assertThrows(InotifyException.class, () -> faulty.engine.awaitChanges(0));
        assertEquals(InotifyApi.EBADF, e.errno());
    }

    @Test
    void eventsForAWatchDescriptorNobodyKnowsAreIgnored() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            RecordingSink sink = faulty.watch(dir, spec(Change.CREATED));
            api.inject(concat(record(99_999, InotifyApi.IN_CREATE, "ghost"), record(99_999, InotifyApi.IN_IGNORED,
                    null)));
            Files.createFile(dir.resolve("real"));
            faulty.until(sink, "CREATED real");
            assertEquals(List.of("CREATED real"), sink.events);
        }
    }

    @Test
    void aMissingDirectoryOrAFileCannotBeWatched() throws IOException {
        assertThrows(NoSuchFileException.class, () -> harness.watch(dir.resolve("missing"), spec(Change.CREATED)));
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(NotDirectoryException.class, () -> harness.watch(file, spec(Change.CREATED)));
    }

    @Test
    void failedCallsNameTheSyscallAndErrno() throws IOException {
        EngineHarness.assumeInotify();
        InotifyApi api = JnaInotifyApi.INSTANCE;
        int fd = api.inotifyInit();
        try {
            InotifyException e = assertThrows(InotifyException.class,
                    () -> api.addWatch(fd, NativePath.of(dir.resolve("missing")), InotifyApi.IN_CREATE));
            assertEquals(InotifyApi.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("inotify_add_watch(" + dir.resolve("missing") + "): "), e.getMessage());
            assertTrue(e.getMessage().contains("No such file or directory (errno 2)"), e.getMessage());
            InotifyException bad = assertThrows(InotifyException.class, () -> api.removeWatch(fd, 12345));
            assertEquals(InotifyApi.EINVAL, bad.errno());
        } finally {
            api.close(fd);
        }
    }

    @Test
    void tooManyInstancesNamesTheInstanceLimit() throws IOException {
        EngineHarness.assumeInotify();
        TestApi api = new TestApi();
        api.failInit(InotifyApi.EMFILE);
        IOException e = assertThrows(IOException.class, () -> InotifyEngine.open(api));
        String limit = sysctl("max_user_instances");
        assertTrue(e.getMessage().contains("fs.inotify.max_user_instances = " + limit + ","), e.getMessage());
        assertTrue(e.getMessage().contains("sysctl fs.inotify.max_user_instances="), e.getMessage());
        assertTrue(e.getMessage().contains("errno 24"), e.getMessage());
    }

    @Test
    void aFullWatchTableNamesTheWatchLimit() throws IOException {
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            api.failAddWatch(path -> true, InotifyApi.ENOSPC);
            IOException e = assertThrows(IOException.class, () -> faulty.watch(dir, spec(Change.CREATED)));
            String limit = sysctl("max_user_watches");
            assertTrue(e.getMessage().contains("fs.inotify.max_user_watches = " + limit + ","), e.getMessage());
            assertTrue(e.getMessage().contains("sysctl fs.inotify.max_user_watches="), e.getMessage());
            assertEquals(Set.of(), api.liveWatches());
        }
    }

    @Test
    void cancellingAWatchRemovesItsKernelWatchOrNarrowsASharedOne() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            faulty.watch(dir, spec(Change.CREATED));
            DirectoryWatch wider = faulty.watch(dir, spec(Change.CREATED, Change.DELETED), new RecordingSink());
            DirectoryWatch alone = faulty.watch(sub, spec(Change.CREATED), new RecordingSink());
            int adds = api.addWatchCalls();
            wider.cancel();
            assertEquals(adds + 1, api.addWatchCalls(), "the shared watch is narrowed to what is left");
            alone.cancel();
            assertEquals(1, api.removeWatchCalls());
            assertEquals(1, api.liveWatches().size());
        }
    }

    @Test
    void whileClosingReleasedWatchesAreLeftToClosingTheDescriptor() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        TestApi api = new TestApi();
        try (EngineHarness faulty = new EngineHarness(api)) {
            DirectoryWatch narrow = faulty.watch(dir, spec(Change.CREATED), new RecordingSink());
            DirectoryWatch wider = faulty.watch(dir, spec(Change.CREATED, Change.DELETED), new RecordingSink());
            DirectoryWatch alone = faulty.watch(sub, spec(Change.CREATED), new RecordingSink());
            int adds = api.addWatchCalls();
            faulty.engine.closing();
            wider.cancel();
            alone.cancel();
            narrow.cancel();
            assertEquals(adds, api.addWatchCalls(), "no mask narrowed");
            assertEquals(0, api.removeWatchCalls(), "no watch removed one by one");
            assertEquals(0, faulty.engine.kernelWatchCount(), "the engine forgot them all the same");
            assertEquals(2, api.liveWatches().size(), "dir and sub, until the descriptor is closed");
            faulty.engine.close();
            assertEquals(Set.of(), api.liveWatches());
            assertEquals(0, api.removeWatchCalls());
        }
    }

    @Test
    void thePollTimeoutRoundsUp() {
        assertEquals(-1, InotifyApi.PollSet.timeoutMillis(Long.MAX_VALUE));
        assertEquals(0, InotifyApi.PollSet.timeoutMillis(0));
        assertEquals(0, InotifyApi.PollSet.timeoutMillis(-5));
        assertEquals(1, InotifyApi.PollSet.timeoutMillis(1));
        assertEquals(1, InotifyApi.PollSet.timeoutMillis(1_000_000));
        assertEquals(2, InotifyApi.PollSet.timeoutMillis(1_000_001));
        assertEquals(Integer.MAX_VALUE, InotifyApi.PollSet.timeoutMillis(Long.MAX_VALUE - 1));
    }

    // ---- helpers

    /** @return a limit as {@code cat} prints it, independently of the code under test */
    static String sysctl(String name) throws IOException {
        Process cat = new ProcessBuilder("cat", "/proc/sys/fs/inotify/" + name).start();
        String value = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(value.matches("[0-9]+"), value);
        return value;
    }

    static int run(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException notInstalled) {
            return -1;
        }
    }

    static byte[] record(int wd, int mask, String name) {
        return record(wd, mask, 0, name);
    }

    /** A {@code struct inotify_event} as the kernel would write it, the name padded to 16 bytes. */
    static byte[] record(int wd, int mask, int cookie, String name) {
        byte[] bytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        int len = name == null ? 0 : (bytes.length / 16 + 1) * 16;
        ByteBuffer record = ByteBuffer.allocate(16 + len).order(ByteOrder.nativeOrder());
        record.putInt(wd).putInt(mask).putInt(cookie).putInt(len).put(bytes);
        return record.array();
    }

    static byte[] concat(byte[]... records) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(records).mapToInt(r -> r.length).sum());
        for (byte[] record : records) {
            all.put(record);
        }
        return all.array();
    }
}
