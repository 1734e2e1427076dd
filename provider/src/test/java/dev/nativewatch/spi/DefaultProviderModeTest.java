package dev.nativewatch.spi;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.sun.nio.file.ExtendedWatchEventModifier;
import dev.nativewatch.NativeWatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Unchanged NIO code in a JVM whose default provider is nativewatch's (the {@code default-provider-test}
 * execution passes {@code -Djava.nio.file.spi.DefaultFileSystemProvider}).
 */
@Tag("default-provider")
class DefaultProviderModeTest {

    private static final long DEADLINE_SECONDS = 30;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void nativeWatchIsTheDefaultProvider() {
        assertInstanceOf(NativeWatchFileSystemProvider.class, FileSystems.getDefault().provider(),
                "run with -Djava.nio.file.spi.DefaultFileSystemProvider="
                        + NativeWatchFileSystemProvider.class.getName());
        assertEquals("file", FileSystems.getDefault().provider().getScheme());
    }

    @Test
    void theDefaultWatchServiceWatchesATree() throws IOException, InterruptedException {
        Path dir = Path.of(tempDir.toString());
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            WatchKey key = dir.register(watcher, new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY},
                    ExtendedWatchEventModifier.FILE_TREE);
            assertSame(dir, key.watchable());
            Path nested = Files.createDirectories(dir.resolve("a/b/c"));
            Files.writeString(nested.resolve("foo"), "x");

            Path expected = Path.of("a/b/c/foo");
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + SECONDS.toNanos(DEADLINE_SECONDS);
            while (System.nanoTime() < deadline) {
                WatchKey signalled = watcher.poll(1, SECONDS);
                if (signalled == null) {
                    continue;
                }
                assertSame(key, signalled);
                for (WatchEvent<?> event : signalled.pollEvents()) {
                    seen.add(event.kind().name() + " " + event.context());
                    if (event.kind() == ENTRY_CREATE && expected.toString().equals(String.valueOf(event.context()))) {
                        assertInstanceOf(NativeWatchPath.class, event.context());
                        assertEquals(expected, event.context());
                        return;
                    }
                }
                signalled.reset();
            }
            fail("no ENTRY_CREATE for " + expected + " within " + DEADLINE_SECONDS + " s; saw " + seen);
        }
    }

    @Test
    void unchangedCodeGetsNativeWatchPaths() {
        assertInstanceOf(NativeWatchPath.class, Path.of("x"));
        assertInstanceOf(NativeWatchPath.class, new File("x").toPath());
        assertInstanceOf(NativeWatchPath.class, tempDir, "even JUnit's temporary directory");
        assertSame(FileSystems.getDefault(), Path.of("x").getFileSystem());
        assertEquals(new File("x").toPath(), Path.of("x"));
        assertEquals(new File("x").getAbsoluteFile(), Path.of("x").toAbsolutePath().toFile());
    }

    @Test
    void wrapKeepsDefaultPathsInTheDefaultFileSystem() {
        Path path = Path.of("x");
        assertSame(path, NativeWatch.path(path));
        Path builtin = ((NativeWatchPath) path).delegate();
        Path rewrapped = NativeWatch.path(builtin);
        assertSame(FileSystems.getDefault(), rewrapped.getFileSystem(), "a built-in path joins the default one");
        assertEquals(path, rewrapped);
    }

    @Test
    void filesRoundTrip() throws IOException {
        Path file = Files.writeString(tempDir.resolve("a"), "content");
        assertEquals("content", Files.readString(file));
        Path copy = Files.copy(file, tempDir.resolve("b"));
        Path moved = Files.move(copy, tempDir.resolve("c"), StandardCopyOption.ATOMIC_MOVE);
        assertFalse(Files.exists(copy));
        assertEquals("content", Files.readString(moved));
        Files.createDirectories(tempDir.resolve("d/e"));
        try (Stream<Path> walk = Files.walk(tempDir)) {
            assertEquals(Set.of(tempDir, file, moved, tempDir.resolve("d"), tempDir.resolve("d/e")),
                    walk.collect(Collectors.toSet()));
        }
        FileTime time = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, time);
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
        assertEquals(time, basic.lastModifiedTime());
        assertEquals(7, basic.size());
        assertEquals(7, new File(file.toString()).length(), "java.io sees the same file");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.readAttributes(file, PosixFileAttributes.class).permissions());
        }
        Files.delete(moved);
        assertFalse(Files.exists(moved));
        Path temp = Files.createTempFile(tempDir, "t", ".tmp");
        assertInstanceOf(NativeWatchPath.class, temp);
        assertTrue(Files.isRegularFile(temp));
    }

    @Test
    void aZipFileSystemOpensOnADefaultPath() throws IOException {
        Path zip = tempDir.resolve("archive.zip");
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.writeString(archive.getPath("/entry.txt"), "zipped");
        }
        try (FileSystem archive = FileSystems.newFileSystem(zip)) {
            assertEquals("zipped", Files.readString(archive.getPath("/entry.txt")));
        }
    }

    @Test
    void urisAreFileUris() throws IOException {
        Path dir = Files.createDirectory(tempDir.resolve("dir"));
        URI uri = dir.toUri();
        assertEquals("file", uri.getScheme());
        assertEquals(new File(dir.toString()).toURI().getPath(), uri.getPath());
        assertEquals(dir, Path.of(uri));
        assertEquals(tempDir.resolve("f"), Path.of(tempDir.resolve("f").toUri()));
    }

    @Test
    void theInstalledProviderIsStillThere() {
        Path installed = Path.of(URI.create("nativewatch" + tempDir.toUri().toString().substring("file".length())));
        NativeWatchFileSystem fileSystem = assertInstanceOf(NativeWatchFileSystem.class, installed.getFileSystem());
        assertEquals("nativewatch", fileSystem.provider().getScheme());
        assertSame(((NativeWatchFileSystem) FileSystems.getDefault()).delegate(), fileSystem.delegate(),
                "it wraps the built-in file system, not the nativewatch one");
        assertEquals(tempDir.toString(), installed.toString());
    }

    @Test
    void foreignPathsAreAMismatch() throws IOException {
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path jimfsPath = jimfs.getPath("/a");
            assertThrows(ProviderMismatchException.class, () -> tempDir.resolve(jimfsPath));
            assertThrows(ProviderMismatchException.class, () -> tempDir.relativize(jimfsPath));
            assertThrows(ProviderMismatchException.class,
                    () -> FileSystems.getDefault().provider().delete(jimfsPath));
        }
    }
}
