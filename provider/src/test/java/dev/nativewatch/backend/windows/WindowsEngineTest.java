package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.Exclusions;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.testing.LoggedWarnings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_ADDED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_MODIFIED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_REMOVED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_RENAMED_NEW_NAME;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_RENAMED_OLD_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against a scripted Win32Io that behaves as Windows documents, for what Wine cannot show: split
 * rename pairs, ERROR_NOTIFY_ENUM_DIR, the 64 KB retry, ERROR_INVALID_FUNCTION, a deleted root's failing read,
 * short names, and the order of cancel, aborted completion and close. The test thread plays the poller.
 */
class WindowsEngineTest {

    static final Path ROOT = Path.of("/w").toAbsolutePath();
    static final Set<Change> STANDARD = EnumSet.of(Change.CREATED, Change.DELETED, Change.MODIFIED, Change.ATTRIBUTES,
            Change.SIZE, Change.LAST_WRITE, Change.CREATION_TIME, Change.SECURITY);

    final ScriptedWin32Io io = new ScriptedWin32Io();
    final ScriptedWin32Io.Sink sink = io.new Sink();
    WindowsEngine engine = new WindowsEngine(() -> io, TimeUnit.HOURS.toNanos(1));

    static WatchSpec standard(boolean pairRenames) {
        return new WatchSpec(STANDARD, true, pairRenames, OptionalInt.empty(), Optional.empty(), Set.of());
    }

    static byte[] records(Object... actionsAndNames) {
        NotifyBuffer buffer = NotifyBuffer.windows();
        for (int i = 0; i < actionsAndNames.length; i += 2) {
            buffer.add((Integer) actionsAndNames[i], (String) actionsAndNames[i + 1]);
        }
        return buffer.bytes();
    }

    /** Runs the engine until the scripted queue is empty, and once more for completions it kept. */
    void pump() throws IOException {
        for (int i = 0; i < 1000 && !io.queue.isEmpty(); i++) {
            engine.awaitChanges(TimeUnit.MILLISECONDS.toNanos(1));
        }
        engine.awaitChanges(TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals(List.of(), io.violations);
    }

    List<String> reports() {
        return io.log.stream().filter(line -> Character.isUpperCase(line.charAt(0))).toList();
    }

    long reads() {
        return io.log.stream().filter(line -> line.startsWith("read ")).count();
    }

    @Test
    void standardKindsArmOneReadWithTheJdkFilterAndA16KBuffer() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        assertEquals(List.of("open 100", "read 100 16384 0x15f"), io.log);
    }

    @Test
    void excludedPathsAreFilteredBeforeTheKeyAndReRegistrationReplacesTheExclusions() throws IOException {
        Exclusions exclusions = Exclusions.of(List.of("node_modules", "**/node_modules", "*.tmp"), List.of(),
                ROOT.getFileSystem());
        WatchSpec excluding = new WatchSpec(STANDARD, true, true, OptionalInt.empty(), Optional.empty(), Set.of(),
                exclusions);
        DirectoryWatch watch = engine.watch(ROOT, excluding, sink);
        io.complete(0, records(FILE_ACTION_ADDED, "node_modules\\x", FILE_ACTION_ADDED, "a\\node_modules",
                FILE_ACTION_ADDED, "a\\node_modules\\y\\z", FILE_ACTION_ADDED, "f.tmp", FILE_ACTION_ADDED, "keep",
                FILE_ACTION_RENAMED_OLD_NAME, "node_modules\\m", FILE_ACTION_RENAMED_NEW_NAME, "out",
                FILE_ACTION_RENAMED_OLD_NAME, "in", FILE_ACTION_RENAMED_NEW_NAME, "a\\node_modules\\in",
                FILE_ACTION_ADDED, "last"));
        pump();
        assertEquals(List.of("CREATED keep", "CREATED out", "DELETED in", "CREATED last"), reports());
        watch.respecify(standard(true));
        io.log.clear();
        io.complete(0, records(FILE_ACTION_ADDED, "node_modules\\x2"));
        pump();
        assertEquals(List.of("CREATED " + Path.of("node_modules", "x2")), reports());
    }

    @Test
    void theNextReadIsArmedBeforeTheLastOneIsDecoded() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.complete(0, records(FILE_ACTION_ADDED, "a", FILE_ACTION_MODIFIED, "a"));
        pump();
        List<String> log = io.log.stream().filter(line -> !line.equals("dequeue nothing")).toList();
        assertEquals(List.of("read 100 16384 0x15f", "CREATED a", "MODIFIED a"),
                log.subList(log.lastIndexOf("read 100 16384 0x15f"), log.size()));
        assertTrue(log.indexOf("dequeue " + io.keyByHandle.get(100L) + " 0") < log.lastIndexOf("read 100 16384 0x15f"));
    }

    @Test
    void aRenameSplitAcrossTwoCompletionsIsPaired() throws IOException {
        engine.watch(ROOT, standard(true), sink);
        io.complete(0, records(FILE_ACTION_ADDED, "x", FILE_ACTION_RENAMED_OLD_NAME, "a"));
        pump();
        assertEquals(List.of("CREATED x"), reports());
        io.complete(0, records(FILE_ACTION_RENAMED_NEW_NAME, "sub\\b"));
        pump();
        assertEquals(List.of("CREATED x", "RENAMED a -> " + Path.of("sub", "b")), reports());
    }

    @Test
    void anOldNameThatNoNewNameFollowsIsADelete() throws IOException {
        engine.watch(ROOT, standard(true), sink);
        io.complete(0, records(FILE_ACTION_RENAMED_OLD_NAME, "a", FILE_ACTION_ADDED, "c"));
        pump();
        assertEquals(List.of("DELETED a", "CREATED c"), reports());
    }

    @Test
    void anOldNameLeftAloneIsFlushedByTheLivenessCheck() throws IOException {
        engine = new WindowsEngine(() -> io, TimeUnit.MILLISECONDS.toNanos(1));
        engine.watch(ROOT, standard(true), sink);
        io.complete(0, records(FILE_ACTION_RENAMED_OLD_NAME, "a"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reports().contains("DELETED a") && System.nanoTime() < deadline) {
            engine.awaitChanges(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertEquals(List.of("DELETED a"), reports());
    }

    @Test
    void withoutPairingARenameIsDeleteThenCreate() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.complete(0, records(FILE_ACTION_RENAMED_OLD_NAME, "a", FILE_ACTION_RENAMED_NEW_NAME, "b"));
        pump();
        assertEquals(List.of("DELETED a", "CREATED b"), reports());
    }

    @Test
    void errorNotifyEnumDirIsAnOverflowAndTheReadIsArmedAgain() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.fail(0, Win32Errors.ERROR_NOTIFY_ENUM_DIR);
        pump();
        assertEquals(List.of("OVERFLOW"), reports());
        assertEquals(2, reads());
    }

    @Test
    void aZeroByteCompletionIsAnOverflowAndTheReadIsArmedAgain() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.complete(0, new byte[0]);
        io.complete(0, records(FILE_ACTION_ADDED, "after"));
        pump();
        assertEquals(List.of("OVERFLOW", "CREATED after"), reports());
        assertEquals(3, reads());
    }

    @Test
    void theFirstBufferOverflowOfAServiceIsAWarningNamingTheBuffer() throws IOException {
        List<String> warnings;
        try (LoggedWarnings logged = LoggedWarnings.of(WindowsEngine.class)) {
            engine.watch(ROOT, standard(false), sink);
            io.complete(0, new byte[0]);
            io.fail(0, Win32Errors.ERROR_NOTIFY_ENUM_DIR);
            pump();
            warnings = logged.messages();
        }
        assertEquals(List.of("OVERFLOW", "OVERFLOW"), reports());
        assertEquals(1, warnings.size(), "one warning per service, not one per overflow: " + warnings);
        assertTrue(warnings.get(0).contains("16384-byte change buffer overflowed"), warnings.get(0));
    }

    @Test
    void aMalformedBufferDeliversWhatPrecedesTheFaultThenOverflows() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        byte[] buffer = records(FILE_ACTION_ADDED, "good", FILE_ACTION_ADDED, "cut");
        io.complete(0, java.util.Arrays.copyOf(buffer, buffer.length - 2));
        pump();
        assertEquals(List.of("CREATED good", "OVERFLOW"), reports());
    }

    @Test
    void moreBytesReportedThanTheBufferHeldIsAnOverflow() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        byte[] data = records(FILE_ACTION_ADDED, "a");
        io.queue.add(new Win32Io.Completion(io.keyByHandle.get(io.handle(0)), data.length + 4, 0, data));
        pump();
        assertEquals(List.of("OVERFLOW"), reports());
    }

    @Test
    void aDeletedRootFailsItsReadAndIsInvalidatedWithoutAnotherRead() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.openError = Win32Errors.ERROR_FILE_NOT_FOUND;
        io.fail(0, Win32Errors.ERROR_ACCESS_DENIED);
        pump();
        pump();
        assertEquals(List.of("INVALIDATED the directory was deleted or moved away"), reports());
        assertEquals(1, reads(), "no re-arm, so no busy loop");
        assertTrue(io.log.contains("close 100"), "the handle is closed at once");
    }

    @Test
    void aLostShareInvalidatesWithTheReason() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.fail(0, Win32Errors.ERROR_NETNAME_DELETED);
        pump();
        assertEquals(List.of("INVALIDATED the volume or network share of the directory is gone (error 64"
                + " (ERROR_NETNAME_DELETED))"), reports());
    }

    @Test
    void aBufferOver64KRefusedWithInvalidParameterIsRetriedAt64K() throws IOException {
        io.readErrors.add(Win32Errors.ERROR_INVALID_PARAMETER);
        engine.watch(ROOT, new WatchSpec(STANDARD, false, false, OptionalInt.of(1 << 20), Optional.empty(), Set.of()), sink);
        assertEquals(List.of("open 100", "read 100 1048576 0x15f", "read 100 65536 0x15f"), io.log);
        io.complete(0, records(FILE_ACTION_ADDED, "a"));
        pump();
        assertTrue(io.log.contains("read 100 65536 0x15f") && io.log.lastIndexOf("read 100 65536 0x15f") > 2,
                "and stays at 64 KB: " + io.log);
    }

    @Test
    void aFileSystemWithoutChangeNotificationPointsToThePollingBackend() {
        io.readErrors.add(Win32Errors.ERROR_INVALID_FUNCTION);
        FileSystemException e = assertThrows(FileSystemException.class, () -> engine.watch(ROOT, standard(false), sink));
        assertTrue(e.getMessage().contains("no change notification"), e.getMessage());
        assertTrue(e.getMessage().contains("-Ddev.nativewatch.backend=polling"), e.getMessage());
        assertTrue(io.log.contains("close 100"));
    }

    @Test
    void cancelWaitsForTheAbortedReadBeforeClosingAndKeepsOtherCompletions() throws IOException {
        DirectoryWatch first = engine.watch(ROOT, standard(false), sink);
        engine.watch(ROOT.resolve("other"), standard(false), sink);
        io.complete(1, records(FILE_ACTION_ADDED, "x")); // queued before the cancel's aborted completion
        first.cancel();
        List<String> log = io.log;
        int cancel = log.indexOf("cancel 100");
        assertTrue(cancel > 0, log.toString());
        long key = io.keyByHandle.get(100L);
        assertTrue(log.indexOf("dequeue " + key + " 995") > cancel, log.toString());
        assertTrue(log.indexOf("close 100") > log.indexOf("dequeue " + key + " 995"), log.toString());
        assertEquals(List.of(), reports(), "nothing dispatched during the wait");
        pump();
        assertEquals(List.of("CREATED x"), reports(), "the other watch's completion was kept, not lost");
        io.queue.add(new Win32Io.Completion(key, 10, 0, new byte[10]));
        pump();
        assertEquals(List.of("CREATED x"), reports(), "a stale packet of a released handle is dropped");
    }

    @Test
    void closeDoesNotWaitForAReadWhoseCompletionAnEarlierReleaseDequeued() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        engine.watch(ROOT.resolve("other"), standard(false), sink);
        io.complete(1, records(FILE_ACTION_ADDED, "x")); // dequeued while the first watch's cancel is awaited
        engine.close();
        List<String> log = io.log;
        assertTrue(log.contains("close 101"), log.toString());
        assertEquals(List.of(), log.subList(log.indexOf("close 100"), log.size()).stream()
                .filter(line -> line.equals("dequeue nothing")).toList(),
                "no wait for a completion that cannot come: " + log);
        assertEquals(List.of(), io.violations);
    }

    @Test
    void aReleasedHandleWhoseCompletionWasDequeuedEarlierIsClosedWithoutAnotherCancel() throws IOException {
        DirectoryWatch first = engine.watch(ROOT, standard(false), sink);
        DirectoryWatch second = engine.watch(ROOT.resolve("other"), standard(false), sink);
        io.complete(1, records(FILE_ACTION_ADDED, "x"));
        first.cancel();
        second.cancel();
        List<String> log = io.log;
        assertTrue(log.indexOf("close 101") > log.indexOf("close 100"), log.toString());
        assertFalse(log.contains("dequeue nothing"), "no wait for a completion that cannot come: " + log);
        pump();
        assertEquals(List.of(), reports(), "a cancelled watch reports nothing");
    }

    @Test
    void anOverflowInTheLastCompletionOfAHandleARespecifyReleasedIsReported() throws IOException {
        DirectoryWatch watch = engine.watch(ROOT, standard(false), sink);
        io.fail(0, Win32Errors.ERROR_NOTIFY_ENUM_DIR); // completes before the re-specify cancels the old handle
        watch.respecify(new WatchSpec(STANDARD, false, false, OptionalInt.empty(), Optional.empty(), Set.of()));
        pump();
        assertEquals(List.of("OVERFLOW"), reports());
    }

    @Test
    void aZeroByteLastCompletionOfAHandleARespecifyReleasedIsAnOverflow() throws IOException {
        DirectoryWatch watch = engine.watch(ROOT, standard(false), sink);
        io.complete(0, new byte[0]);
        watch.respecify(new WatchSpec(STANDARD, false, false, OptionalInt.empty(), Optional.empty(), Set.of()));
        pump();
        assertEquals(List.of("OVERFLOW"), reports());
    }

    @Test
    void theRecordsOfAHandleARespecifyReleasedAreDeliveredAndItsAbortIsNot() throws IOException {
        DirectoryWatch watch = engine.watch(ROOT, standard(false), sink);
        io.complete(0, records(FILE_ACTION_ADDED, "before"));
        watch.respecify(new WatchSpec(STANDARD, false, false, OptionalInt.empty(), Optional.empty(), Set.of()));
        DirectoryWatch other = engine.watch(ROOT.resolve("other"), standard(false), sink);
        other.respecify(new WatchSpec(STANDARD, false, false, OptionalInt.empty(), Optional.empty(), Set.of()));
        pump();
        assertEquals(List.of("CREATED before"), reports(), "the other watch's aborted read is no overflow");
    }

    @Test
    void closeReleasesEveryHandleAndClosesThePortLast() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        engine.watch(ROOT.resolve("ext"), new WatchSpec(EnumSet.of(Change.SECURITY), false, false, OptionalInt.empty(),
                Optional.empty(), EnumSet.of(Change.SECURITY)), sink);
        engine.close();
        List<String> log = io.log;
        assertEquals("close port", log.get(log.size() - 1));
        assertTrue(log.contains("close 100") && log.contains("close 101"), log.toString());
        assertTrue(io.closed);
    }

    @Test
    void shortNamesAreExpandedExceptForRemovedEntries() throws IOException {
        io.longNames.put("C:\\w", "C:\\w");
        io.longNames.put("C:\\w\\LONGFI~1.TXT", "C:\\w\\LongFileName.txt");
        engine.watch(ROOT, standard(false), sink);
        io.complete(0, records(FILE_ACTION_ADDED, "LONGFI~1.TXT", FILE_ACTION_REMOVED, "LONGFI~1.TXT",
                FILE_ACTION_ADDED, "GONE~1.TXT"));
        pump();
        assertEquals(List.of("CREATED LongFileName.txt", "DELETED LONGFI~1.TXT", "CREATED GONE~1.TXT"), reports());
        assertEquals(2, io.log.stream().filter(line -> line.startsWith("long C:\\w\\")).count(),
                "no lookup for the removed entry");
    }

    @Test
    void aStreamIsReportedAsItsFileAndAnUnsafeNameAsAnOverflow() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.complete(0, records(FILE_ACTION_MODIFIED, "a.txt:Zone.Identifier", FILE_ACTION_ADDED, "..\\escape",
                FILE_ACTION_ADDED, "ok"));
        pump();
        assertEquals(List.of("MODIFIED a.txt", "OVERFLOW", "CREATED ok"), reports());
    }

    @Test
    void aModifiedOnTheSecurityHandleIsASecurityChange() throws IOException {
        Set<Change> changes = EnumSet.copyOf(STANDARD);
        engine.watch(ROOT, new WatchSpec(changes, false, false, OptionalInt.empty(), Optional.empty(),
                EnumSet.of(Change.SECURITY)), sink);
        assertEquals(List.of("open 100", "read 100 16384 0x5f", "open 101", "read 101 16384 0x100"), io.log);
        io.complete(1, records(FILE_ACTION_MODIFIED, "f"));
        io.complete(0, records(FILE_ACTION_MODIFIED, "f"));
        pump();
        assertEquals(List.of("SECURITY f", "MODIFIED f"), reports());
    }

    @Test
    void aRootWhoseFinalPathChangedIsInvalidatedAfterDeliveringItsChanges() throws IOException {
        engine.watch(ROOT, standard(false), sink);
        io.finalPath = "\\\\?\\C:\\moved";
        io.complete(0, records(FILE_ACTION_ADDED, "a"));
        pump();
        assertEquals(List.of("CREATED a", "INVALIDATED the directory was renamed or moved to C:\\moved"), reports());
        assertTrue(io.log.contains("close 100"));
    }

    @Test
    void respecifyingArmsTheNewHandlesBeforeReleasingTheOldOnes() throws IOException {
        DirectoryWatch watch = engine.watch(ROOT, standard(false), sink);
        watch.respecify(new WatchSpec(STANDARD, true, false, OptionalInt.empty(), Optional.empty(),
                EnumSet.of(Change.SIZE)));
        List<String> log = io.log;
        assertTrue(log.indexOf("read 102 16384 0x8") < log.indexOf("cancel 100"), log.toString());
        assertTrue(log.indexOf("close 100") > log.indexOf("cancel 100"));
        io.complete(2, records(FILE_ACTION_MODIFIED, "f"));
        pump();
        assertEquals(List.of("SIZE f"), reports());
    }

    @Test
    void identityIsVolumeSerialAndFileIndex() throws IOException {
        assertEquals(new Win32Io.DirectoryKey(7, 0, 42), engine.identify(ROOT));
        assertEquals(List.of("open 100", "close 100"), io.log);
        io.info = new Win32Io.FileInfo(7, 0, 43, 0x20);
        assertThrows(NotDirectoryException.class, () -> engine.identify(ROOT));
        io.openError = Win32Errors.ERROR_PATH_NOT_FOUND;
        assertThrows(NoSuchFileException.class, () -> engine.identify(ROOT));
        assertFalse(io.log.isEmpty());
    }
}
