package dev.nativewatch.spi;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nativewatch.NativeWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Registering nativewatch paths through the front door, and the mismatches the JDK would also refuse. */
class NativeWatchRegistrationTest {

    private static final long DEADLINE_SECONDS = 30;

    @TempDir
    Path tempDir;

    @Test
    void watchesTheDefaultFileSystem() throws IOException, InterruptedException {
        try (WatchService watcher = NativeWatch.newWatchService()) {
            Path dir = NativeWatch.path(tempDir);
            WatchKey key = dir.register(watcher, ENTRY_CREATE);
            assertSame(dir, key.watchable());
            Files.createFile(tempDir.resolve("foo"));
            assertCreated(watcher, key, dir.getFileSystem().getPath("foo"));
        }
    }

    @Test
    void watchesJimfsByPolling() throws IOException, InterruptedException {
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path jimfsDir = Files.createDirectory(jimfs.getPath("/watched"));
            Path dir = NativeWatch.path(jimfsDir);
            try (WatchService watcher = NativeWatch.path(jimfsDir).getFileSystem().newWatchService()) {
                WatchKey key = dir.register(watcher, new WatchEvent.Kind<?>[] {ENTRY_CREATE});
                Files.createFile(jimfsDir.resolve("foo"));
                assertCreated(watcher, key, dir.getFileSystem().getPath("foo"));
            }
        }
    }

    @Test
    void theJdksWatchServiceIsAMismatch() throws IOException {
        try (WatchService jdk = FileSystems.getDefault().newWatchService()) {
            Path dir = NativeWatch.path(tempDir);
            assertThrows(ProviderMismatchException.class, () -> dir.register(jdk, ENTRY_CREATE));
        }
    }

    @Test
    void aServiceOfAnotherFileSystemIsAMismatch() throws IOException {
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
             WatchService jimfsWatcher = NativeWatch.path(jimfs.getPath("/")).getFileSystem().newWatchService();
             WatchService defaultWatcher = NativeWatch.newWatchService()) {
            Path dir = NativeWatch.path(tempDir);
            Path jimfsRoot = NativeWatch.path(jimfs.getPath("/"));
            assertThrows(ProviderMismatchException.class, () -> dir.register(jimfsWatcher, ENTRY_CREATE));
            assertThrows(ProviderMismatchException.class, () -> jimfsRoot.register(defaultWatcher, ENTRY_CREATE));
        }
    }

    @Test
    void aNullWatcherIsANullPointerBeforeAnythingElse() {
        Path missing = NativeWatch.path(tempDir.resolve("missing"));
        assertThrows(NullPointerException.class, () -> missing.register(null, (WatchEvent.Kind<?>[]) null));
    }

    /** Collects events until a CREATE of {@code expected} appears, or fails after a generous deadline. */
    private static void assertCreated(WatchService watcher, WatchKey expectedKey, Path expected)
            throws InterruptedException {
        List<WatchEvent<?>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            WatchKey key = watcher.poll(1, SECONDS);
            if (key == null) {
                continue;
            }
            assertSame(expectedKey, key);
            for (WatchEvent<?> event : key.pollEvents()) {
                seen.add(event);
                // Matched by name first, so that a context of the wrong kind fails here, plainly, and at once.
                if (event.kind() == ENTRY_CREATE && expected.toString().equals(String.valueOf(event.context()))) {
                    NativeWatchPath context = assertInstanceOf(NativeWatchPath.class, event.context());
                    assertSame(expected.getFileSystem(), context.getFileSystem());
                    assertEquals(expected, context);
                    assertTrue(key.reset());
                    return;
                }
            }
            key.reset();
        }
        fail("no ENTRY_CREATE for " + expected + " within " + DEADLINE_SECONDS + " s; saw " + describe(seen));
    }

    private static List<String> describe(List<WatchEvent<?>> events) {
        List<String> result = new ArrayList<>();
        events.forEach(event -> result.add(event.kind().name() + " " + event.context()));
        return result;
    }
}
