package dev.nativewatch.core;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.Change;
import dev.nativewatch.testing.Links;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration: the JDK's checks in the JDK's order, and one key per directory. */
class RegistrationTest extends CoreFixture {

    private static final WatchEvent.Kind<?>[] CREATE = {ENTRY_CREATE};

    /** A kind nativewatch does not know. */
    private static final WatchEvent.Kind<Path> CUSTOM_KIND = new WatchEvent.Kind<>() {
        @Override
        public String name() {
            return "CUSTOM";
        }

        @Override
        public Class<Path> type() {
            return Path.class;
        }
    };

    private static final WatchEvent.Modifier CUSTOM_MODIFIER = () -> "CUSTOM";

    @Test
    void badKindsGetTheJdkExceptions() {
        assertThrows(NullPointerException.class, () -> service.register(dir, dir, (WatchEvent.Kind<?>[]) null));
        assertThrows(NullPointerException.class, () -> register(dir, ENTRY_CREATE, null));
        assertThrows(UnsupportedOperationException.class, () -> register(dir, ENTRY_CREATE, CUSTOM_KIND));
        assertThrows(IllegalArgumentException.class, () -> register(dir));
        assertThrows(IllegalArgumentException.class, () -> register(dir, OVERFLOW));
        assertThrows(IllegalArgumentException.class, () -> register(dir, OVERFLOW, OVERFLOW));
        assertServiceStillWorks();
    }

    @Test
    void badModifiersGetTheJdkExceptionsAndANullArrayDoesNotBreakTheService() {
        assertThrows(NullPointerException.class, () -> register(dir, CREATE, (WatchEvent.Modifier[]) null));
        assertThrows(NullPointerException.class, () -> register(dir, CREATE, (WatchEvent.Modifier) null));
        assertThrows(UnsupportedOperationException.class, () -> register(dir, CREATE, CUSTOM_MODIFIER));
        assertServiceStillWorks();
    }

    @Test
    void modifiersAreCheckedBeforeTheFileSystemIsTouched() {
        Path missing = dir.resolve("missing");
        assertThrows(UnsupportedOperationException.class, () -> register(missing, CREATE, CUSTOM_MODIFIER));
    }

    @Test
    void bufferSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ExtendedModifiers.bufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> ExtendedModifiers.bufferSize(-1));
        assertEquals(65536, ExtendedModifiers.bufferSize(65536).bytes());
    }

    @Test
    void bufferSizeAndSubtreeReachTheBackend() throws IOException {
        register(dir, CREATE, ExtendedModifiers.SUBTREE, ExtendedModifiers.bufferSize(4096));
        var spec = backend.newestWatch(dir).spec;
        assertTrue(spec.subtree());
        assertEquals(4096, spec.bufferSize().getAsInt());
    }

    @Test
    void excludeRefusesBadGlobsWithTheUsualExceptions() {
        assertThrows(IllegalArgumentException.class, () -> ExtendedModifiers.exclude("a["));
        assertThrows(IllegalArgumentException.class, () -> ExtendedModifiers.exclude("{a,b"));
        assertThrows(IllegalArgumentException.class, () -> ExtendedModifiers.exclude());
        assertThrows(IllegalArgumentException.class, () -> ExtendedModifiers.exclude(""));
        assertThrows(NullPointerException.class, () -> ExtendedModifiers.exclude((String[]) null));
        assertThrows(NullPointerException.class, () -> ExtendedModifiers.exclude("a", null));
        assertThrows(NullPointerException.class, () -> ExtendedModifiers.exclude((java.nio.file.PathMatcher) null));
    }

    @Test
    void exclusionsReachTheBackendAndAreReplacedByARegistrationWithOthers() throws IOException {
        register(dir, CREATE, ExtendedModifiers.SUBTREE, ExtendedModifiers.exclude("**/node_modules"),
                ExtendedModifiers.exclude("*.log"));
        var exclusions = backend.newestWatch(dir).spec.exclusions();
        assertTrue(exclusions.excludes(Path.of("a", "node_modules")));
        assertTrue(exclusions.excludes(Path.of("a", "node_modules", "x", "f")), "under an excluded directory");
        assertTrue(exclusions.excludes(Path.of("top.log")));
        assertFalse(exclusions.excludes(Path.of("a", "deep.log")), "* does not cross directories");
        assertFalse(exclusions.excludes(Path.of("node_modules")), "**/ needs a directory before it");
        var first = backend.newestWatch(dir).spec;
        register(dir, CREATE, ExtendedModifiers.SUBTREE, ExtendedModifiers.exclude("**/node_modules"),
                ExtendedModifiers.exclude("*.log"));
        assertEquals(first, backend.newestWatch(dir).spec, "the same globs: the same spec");
        register(dir, CREATE, ExtendedModifiers.SUBTREE, ExtendedModifiers.exclude("node_modules"));
        var replaced = backend.newestWatch(dir).spec.exclusions();
        assertTrue(replaced.excludes(Path.of("node_modules")));
        assertFalse(replaced.excludes(Path.of("top.log")), "the later registration's exclusions only");
        register(dir, CREATE, ExtendedModifiers.SUBTREE);
        assertTrue(backend.newestWatch(dir).spec.exclusions().isEmpty());
    }

    @Test
    void excludeModifiersAreEqualByGlobsOrByMatcherInstance() {
        assertEquals(ExtendedModifiers.exclude("a", "b"), ExtendedModifiers.exclude("a", "b"));
        assertNotEquals(ExtendedModifiers.exclude("a", "b"), ExtendedModifiers.exclude("b", "a"));
        java.nio.file.PathMatcher matcher = path -> true;
        assertEquals(ExtendedModifiers.exclude(matcher), ExtendedModifiers.exclude(matcher));
        assertNotEquals(ExtendedModifiers.exclude(matcher), ExtendedModifiers.exclude(path -> true));
    }

    @Test
    void jdkFileTreeModifierMeansSubtree() throws IOException {
        register(dir, CREATE, com.sun.nio.file.ExtendedWatchEventModifier.FILE_TREE);
        assertTrue(backend.newestWatch(dir).spec.subtree());
    }

    @Test
    @SuppressWarnings("removal")
    void jdkSensitivityModifiersSetThePollInterval() throws IOException {
        register(dir, CREATE, com.sun.nio.file.SensitivityWatchEventModifier.HIGH);
        assertEquals(java.time.Duration.ofSeconds(2), backend.newestWatch(dir).spec.pollInterval().orElseThrow());
    }

    @Test
    void missingDirectoryAndRegularFileAreRefused() throws IOException {
        assertThrows(NoSuchFileException.class, () -> register(dir.resolve("missing"), ENTRY_CREATE));
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(NotDirectoryException.class, () -> register(file, ENTRY_CREATE));
        assertServiceStillWorks();
    }

    @Test
    void aDirectoryOfAnotherFileSystemIsAProviderMismatch() throws IOException {
        try (var jimfs = com.google.common.jimfs.Jimfs.newFileSystem()) {
            Path foreign = Files.createDirectories(jimfs.getPath("/d"));
            assertThrows(java.nio.file.ProviderMismatchException.class, () -> register(foreign, ENTRY_CREATE));
        }
        assertServiceStillWorks();
    }

    @Test
    void eventsAreCheckedBeforeTheServiceIsFoundClosed() {
        service.close();
        assertThrows(IllegalArgumentException.class, () -> register(dir));
        assertThrows(ClosedWatchServiceException.class, () -> register(dir, ENTRY_CREATE));
    }

    @Test
    void registeringAgainReturnsTheSameKeyAndReplacesItsKinds() throws IOException, InterruptedException {
        WatchKey first = register(dir, ENTRY_CREATE);
        WatchKey second = register(dir, ENTRY_DELETE);
        assertSame(first, second);
        assertSame(dir, second.watchable());
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("ignored"));
            sink.changed(Change.DELETED, Path.of("seen"));
        });
        assertEquals(java.util.List.of("ENTRY_DELETE seen"), describe(awaitKey().pollEvents()));
    }

    @Test
    void identityIsTheDirectoryNotThePathString() throws IOException {
        WatchKey key = register(dir, ENTRY_CREATE);
        assertSame(key, register(dir.resolve("."), ENTRY_CREATE));
        Path link = Links.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            assertSame(key, register(link, ENTRY_CREATE));
            assertSame(dir, key.watchable(), "watchable stays the first path registered");
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void reRegistrationKeepsPendingEvents() throws IOException, InterruptedException {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("a")));
        register(dir, ENTRY_CREATE, ENTRY_MODIFY);
        assertSame(key, awaitKey());
        assertEquals(java.util.List.of("ENTRY_CREATE a"), describe(key.pollEvents()));
    }

    @Test
    void afterCancelRegisteringGivesANewKey() throws IOException {
        WatchKey key = register(dir, ENTRY_CREATE);
        key.cancel();
        WatchKey again = register(dir, ENTRY_CREATE);
        assertNotSame(key, again);
        assertTrue(again.isValid());
        assertFalse(key.isValid());
    }

    @Test
    void twoServicesGetIndependentKeys() throws IOException, InterruptedException {
        FakeBackend otherBackend = new FakeBackend();
        try (NativeWatchService other = new NativeWatchService(otherBackend, dir.getFileSystem(), p -> p)) {
            WatchKey mine = register(dir, ENTRY_CREATE);
            WatchKey theirs = other.register(dir, dir, new WatchEvent.Kind<?>[] {ENTRY_DELETE});
            assertNotSame(mine, theirs);
            otherBackend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("x")));
            assertEquals(null, other.poll(), "a CREATE is not what the other service registered");
        }
    }

    @Test
    void registrationDoesNotConsumeAnInterrupt() throws IOException {
        Thread.currentThread().interrupt();
        try {
            WatchKey key = register(dir, ENTRY_CREATE);
            assertTrue(key.isValid());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt must stay pending");
        } finally {
            Thread.interrupted();
        }
    }

    private void assertServiceStillWorks() {
        try {
            WatchKey key = register(dir, ENTRY_CREATE);
            assertTrue(key.isValid());
        } catch (IOException e) {
            throw new AssertionError("the service should still accept registrations", e);
        }
    }
}
