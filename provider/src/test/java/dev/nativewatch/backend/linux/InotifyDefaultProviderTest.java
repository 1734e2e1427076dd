package dev.nativewatch.backend.linux;

import dev.nativewatch.NativeWatch;
import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.spi.NativeWatchFileSystemProvider;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;

import static com.sun.nio.file.ExtendedWatchEventModifier.FILE_TREE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * With nativewatch as the JVM's default provider, unchanged NIO code gets an inotify-backed watch service: the
 * core hands the backend the built-in file system that nativewatch wraps.
 */
@Tag("default-provider")
class InotifyDefaultProviderTest {

    @TempDir
    Path tempDir;

    @BeforeEach
    void linuxWithNativeWatchAsTheDefault() {
        EngineHarness.assumeInotify();
        assertInstanceOf(NativeWatchFileSystemProvider.class, FileSystems.getDefault().provider());
    }

    @Test
    void theDefaultWatchServiceRunsOnInotify() throws Exception {
        assertEquals("inotify", NativeWatch.backend().name());
        Path dir = Path.of(tempDir.toString());
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            assertEquals("inotify", assertInstanceOf(NativeWatchService.class, watcher).backendName());
            dir.register(watcher, new WatchEvent.Kind<?>[] {ENTRY_CREATE}, FILE_TREE);
            Path c = Files.createDirectories(dir.resolve("a/b/c"));
            Files.createFile(c.resolve("foo"));
            new EventCollector(watcher).until("ENTRY_CREATE " + Path.of("a/b/c/foo"));
        }
    }
}
