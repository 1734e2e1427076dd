package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** {@code Path.register}: its argument checks in the JDK's order, and which key it returns. */
public abstract class RegistrationContract extends WatchServiceContract {

    /** A kind no provider knows. */
    static final WatchEvent.Kind<Object> FOREIGN_KIND = new WatchEvent.Kind<>() {
        @Override
        public String name() {
            return "tck.FOREIGN_KIND";
        }

        @Override
        public Class<Object> type() {
            return Object.class;
        }
    };

    /** A modifier no provider knows. */
    static final WatchEvent.Modifier FOREIGN_MODIFIER = () -> "tck.FOREIGN_MODIFIER";

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected RegistrationContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    @Test
    @Tag(TckTags.SPEC)
    void nullWatcherIsNpe() {
        assertThrows(NullPointerException.class, () -> register(null, dir, kinds(ENTRY_CREATE)));
    }

    @Test
    @Tag(TckTags.SPEC)
    void foreignWatcherIsProviderMismatch() {
        assertThrows(ProviderMismatchException.class,
                () -> register(new ForeignWatchService(), dir, kinds(ENTRY_CREATE)));
    }

    @Test
    @Tag(TckTags.SPEC)
    void nullKindsArrayIsNpe() {
        assertThrows(NullPointerException.class, () -> register(watcher, dir, null));
    }

    @Test
    @Tag(TckTags.SPEC)
    void nullKindIsNpe() {
        assertThrows(NullPointerException.class, () -> register(dir, ENTRY_CREATE, null));
    }

    @Test
    @Tag(TckTags.SPEC)
    void unsupportedKindIsUoe() {
        assertThrows(UnsupportedOperationException.class, () -> register(dir, ENTRY_CREATE, FOREIGN_KIND));
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void noKindButOverflowIsIae() {
        assertThrows(IllegalArgumentException.class, () -> register(dir));
        assertThrows(IllegalArgumentException.class, () -> register(dir, OVERFLOW));
        assertThrows(IllegalArgumentException.class, () -> register(dir, OVERFLOW, OVERFLOW));
    }

    @Test
    @Tag(TckTags.SPEC)
    void nullModifierIsNpe() {
        assertThrows(NullPointerException.class,
                () -> register(watcher, dir, kinds(ENTRY_CREATE), new WatchEvent.Modifier[] {null}));
    }

    @Test
    @Tag(TckTags.SPEC)
    void unsupportedModifierIsUoe() {
        assertThrows(UnsupportedOperationException.class,
                () -> register(watcher, dir, kinds(ENTRY_CREATE), FOREIGN_MODIFIER));
    }

    /**
     * A null modifier array should be an NPE on the caller's thread. The JDK throws it on its poller thread, which
     * dies, and {@code register} never returns; so this runs on a service of its own, under a preemptive timeout,
     * and that service is left unclosed when the call hangs, since its {@code close()} would hang as well.
     */
    @Test
    @Tag(TckTags.DEVIATION)
    void nullModifierArrayIsNpeOnTheCallerThread() throws IOException {
        WatchService isolated = fixture().newWatchService();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                fixture().register(isolated, dir, kinds(ENTRY_CREATE), (WatchEvent.Modifier[]) null);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "register(watcher, kinds, (Modifier[]) null) did not return");
        try {
            assertInstanceOf(NullPointerException.class, thrown.get());
            assertTrue(fixture().register(isolated, dir, kinds(ENTRY_CREATE)).isValid(),
                    "the service is still usable");
        } finally {
            isolated.close();
        }
    }

    @Test
    @Tag(TckTags.SPEC)
    void closedWatcherIsCwse() throws IOException {
        watcher.close();
        assertThrows(ClosedWatchServiceException.class, () -> register(dir, ENTRY_CREATE));
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void kindsAreCheckedBeforeTheClosedState() throws IOException {
        watcher.close();
        assertThrows(IllegalArgumentException.class, () -> register(dir, OVERFLOW));
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void modifiersAreCheckedBeforeTheFileSystem() {
        Path missing = dir.resolve("missing");
        assertThrows(UnsupportedOperationException.class,
                () -> register(watcher, missing, kinds(ENTRY_CREATE), FOREIGN_MODIFIER));
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void missingDirectoryIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> register(dir.resolve("missing"), ENTRY_CREATE));
    }

    @Test
    @Tag(TckTags.SPEC)
    void regularFileIsAnIoException() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(IOException.class, () -> register(file, ENTRY_CREATE));
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void regularFileIsNotDirectory() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(NotDirectoryException.class, () -> register(file, ENTRY_CREATE));
    }

    @Test
    @Tag(TckTags.SPEC)
    void rejectedRegistrationsLeaveTheServiceUsable() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        attempt(() -> register(dir, ENTRY_CREATE, FOREIGN_KIND));
        attempt(() -> register(dir));
        attempt(() -> register(watcher, dir, kinds(ENTRY_CREATE), FOREIGN_MODIFIER));
        attempt(() -> register(dir.resolve("missing"), ENTRY_CREATE));
        attempt(() -> register(file, ENTRY_CREATE));
        register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("after"));
        recorder().untilSeen("ENTRY_CREATE after");
    }

    @Test
    @Tag(TckTags.SPEC)
    void reRegistrationReturnsTheSameKey() throws IOException {
        WatchKey first = register(dir, ENTRY_CREATE);
        WatchKey second = register(dir, ENTRY_CREATE, ENTRY_DELETE);
        assertSame(first, second);
    }

    @Test
    @Tag(TckTags.SPEC)
    void watchableIsTheRegisteredPath() throws IOException {
        assertEquals(dir, register(dir, ENTRY_CREATE).watchable());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void watchableIsTheRegisteredInstance() throws IOException {
        assertSame(dir, register(dir, ENTRY_CREATE).watchable());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void anotherPathToTheSameDirectoryGivesTheSameKey() throws IOException {
        WatchKey first = register(dir, ENTRY_CREATE);
        WatchKey second = register(dir.resolve("."), ENTRY_CREATE);
        assertSame(first, second);
        assertSame(dir, second.watchable(), "the watchable stays the first path");
    }

    @Test
    @Tag(TckTags.SPEC)
    void reRegistrationReplacesTheKinds() throws Exception {
        Path old = oldFile(dir.resolve("old"));
        register(dir, ENTRY_CREATE);
        register(dir, ENTRY_DELETE);
        Files.createFile(dir.resolve("created"));
        Files.delete(old);
        EventRecorder events = recorder().untilSeen("ENTRY_DELETE old");
        register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("sentinel"));
        events.untilSeen("ENTRY_CREATE sentinel");
        assertFalse(events.saw("ENTRY_CREATE created"), "CREATE was no longer registered: " + events);
    }

    @Test
    @Tag(TckTags.SPEC)
    void reRegistrationKeepsPendingEvents() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        Files.createFile(dir.resolve("pending"));
        assertSame(key, awaitKey(watcher));
        waitQuietPeriod();
        register(dir, ENTRY_DELETE);
        EventRecorder events = recorder();
        events.read(key);
        assertTrue(events.saw("ENTRY_CREATE pending"), events.toString());
    }

    @Test
    @Tag(TckTags.SPEC)
    void twoWatchersHaveIndependentKeys() throws Exception {
        Path old = oldFile(dir.resolve("old"));
        WatchService other = newService();
        WatchKey creates = register(watcher, dir, kinds(ENTRY_CREATE));
        WatchKey deletes = register(other, dir, kinds(ENTRY_DELETE));
        assertNotSame(creates, deletes);
        Files.createFile(dir.resolve("new"));
        Files.delete(old);
        EventRecorder first = recorder().untilSeen("ENTRY_CREATE new");
        EventRecorder second = new EventRecorder(other).untilSeen("ENTRY_DELETE old");
        Files.createFile(dir.resolve("sentinel"));
        first.untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        second.drain(quiet());
        assertTrue(first.events().stream().allMatch(e -> e.kind().equals("ENTRY_CREATE")), first.toString());
        assertTrue(second.events().stream().allMatch(e -> e.kind().equals("ENTRY_DELETE")), second.toString());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void registrationAfterCancelGivesANewKey() throws IOException {
        WatchKey first = register(dir, ENTRY_CREATE);
        first.cancel();
        WatchKey second = register(dir, ENTRY_CREATE);
        assertNotSame(first, second);
        assertTrue(second.isValid());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void recreatedDirectoryGivesANewKey() throws Exception {
        WatchKey first = register(dir, ENTRY_CREATE);
        Files.delete(dir);
        Tck.awaitCondition(() -> !first.isValid(), "the key of the deleted directory becomes invalid");
        Files.createDirectory(dir);
        WatchKey second = register(dir, ENTRY_CREATE);
        assertNotSame(first, second);
        assertTrue(second.isValid());
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void registrationKeepsTheInterruptFlag() throws IOException {
        Thread.currentThread().interrupt();
        try {
            register(dir, ENTRY_CREATE);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is still pending after register()");
        }
    }

    @Test
    @Tag(TckTags.JDK_COMMON)
    void sensitivityModifiersAreAccepted() throws IOException {
        for (WatchEvent.Modifier sensitivity : JdkModifiers.sensitivities()) {
            WatchKey key = register(watcher, dir, kinds(ENTRY_MODIFY), sensitivity);
            assertTrue(key.isValid(), sensitivity.name());
            key.cancel();
        }
    }

    @Test
    @Tag(TckTags.JDK_LINUX)
    void fileTreeIsUnsupported() {
        assumeFalse(fixture().extensions().claims(Feature.SUBTREE), "the implementation claims subtree watches");
        WatchEvent.Modifier fileTree = JdkModifiers.fileTree();
        assertThrows(UnsupportedOperationException.class, () -> register(watcher, dir, kinds(ENTRY_CREATE), fileTree));
    }

    /** Makes a registration whose outcome does not matter here; only what the service does afterwards does. */
    private static void attempt(Registering registering) {
        try {
            registering.run();
        } catch (Exception rejected) {
            // Expected for most implementations; checked by the other checks.
        }
    }

    @FunctionalInterface
    private interface Registering {
        void run() throws Exception;
    }
}
