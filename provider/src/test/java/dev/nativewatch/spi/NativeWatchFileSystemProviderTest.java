package dev.nativewatch.spi;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nativewatch.NativeWatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** File operations through the installed provider reach the delegate and come back wrapped. */
class NativeWatchFileSystemProviderTest {

    @TempDir
    Path tempDir;

    private Path dir;
    private FileSystemProvider provider;

    @BeforeEach
    void wrapTempDir() {
        dir = NativeWatch.path(tempDir);
        provider = dir.getFileSystem().provider();
    }

    @Test
    void isTheInstalledProvider() {
        assertInstanceOf(NativeWatchFileSystemProvider.class, provider);
        assertTrue(FileSystemProvider.installedProviders().contains(provider));
        assertEquals("nativewatch", provider.getScheme());
    }

    @Test
    void readsAndWrites() throws IOException {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "hello");
        assertEquals("hello", Files.readString(tempDir.resolve("f.txt")), "written through to the delegate");
        Files.writeString(file, " world", StandardOpenOption.APPEND);
        assertEquals("hello world", Files.readString(file));

        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {1, 2, 3});
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            channel.position(1).write(ByteBuffer.wrap(new byte[] {9}));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertEquals(3, channel.size());
        }
        assertArrayEquals(new byte[] {1, 9, 3}, Files.readAllBytes(file));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createFile(file));
    }

    @Test
    void copiesMovesAndDeletes() throws IOException {
        Path source = Files.writeString(dir.resolve("a"), "content");
        Path copy = Files.copy(source, dir.resolve("b"));
        assertEquals("content", Files.readString(copy));
        Path moved = Files.move(copy, dir.resolve("c"), StandardCopyOption.ATOMIC_MOVE);
        assertFalse(Files.exists(tempDir.resolve("b")));
        assertEquals("content", Files.readString(tempDir.resolve("c")));
        Files.delete(moved);
        assertFalse(Files.exists(tempDir.resolve("c")));
        assertFalse(Files.deleteIfExists(moved));
        assertThrows(NoSuchFileException.class, () -> Files.delete(moved));
        assertTrue(Files.deleteIfExists(source));
    }

    @Test
    void copiesBetweenWrappedFileSystemsOfDifferentProviders() throws IOException {
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path target = NativeWatch.path(jimfs.getPath("/copy"));
            Path source = Files.writeString(dir.resolve("a"), "across");
            Files.copy(source, target);
            assertEquals("across", Files.readString(jimfs.getPath("/copy")));
            Files.move(target, dir.resolve("back"));
            assertEquals("across", Files.readString(tempDir.resolve("back")));
            assertFalse(Files.exists(jimfs.getPath("/copy")));
        }
    }

    @Test
    void walksAndLists() throws IOException {
        Files.createDirectories(dir.resolve("x/y"));
        Files.createFile(dir.resolve("x/y/z.txt"));
        Files.createFile(dir.resolve("x/w.md"));
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.collect(Collectors.toList());
            all.forEach(path -> assertInstanceOf(NativeWatchPath.class, path));
            assertEquals(Set.of(dir, dir.resolve("x"), dir.resolve("x/y"), dir.resolve("x/y/z.txt"),
                    dir.resolve("x/w.md")), Set.copyOf(all));
        }
        try (Stream<Path> list = Files.list(dir.resolve("x"))) {
            assertEquals(Set.of(dir.resolve("x/y"), dir.resolve("x/w.md")), list.collect(Collectors.toSet()));
        }
    }

    @Test
    void directoryStreamFilterSeesWrappedPaths() throws IOException {
        Files.createFile(dir.resolve("keep.txt"));
        Files.createFile(dir.resolve("drop.md"));
        List<Path> seenByFilter = new ArrayList<>();
        List<Path> listed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, entry -> {
            seenByFilter.add(entry);
            return entry.getFileName().toString().endsWith(".txt");
        })) {
            stream.forEach(listed::add);
        }
        assertEquals(List.of(dir.resolve("keep.txt")), listed);
        assertEquals(Set.of(dir.resolve("keep.txt"), dir.resolve("drop.md")), Set.copyOf(seenByFilter));
        seenByFilter.forEach(path -> assertInstanceOf(NativeWatchPath.class, path));

        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.md")) {
            List<Path> globbed = new ArrayList<>();
            stream.forEach(globbed::add);
            assertEquals(List.of(dir.resolve("drop.md")), globbed);
        }
    }

    @Test
    void secureDirectoryStreamStaysSecure() throws IOException {
        try (DirectoryStream<Path> plain = Files.newDirectoryStream(tempDir)) {
            assumeTrue(plain instanceof SecureDirectoryStream, "the delegate has no secure directory streams");
        }
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/f"), "x");
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            SecureDirectoryStream<Path> secure = stream instanceof SecureDirectoryStream<Path> ours ? ours
                    : fail("the delegate's stream is secure, ours is a " + stream.getClass().getName());
            Path sub = dir.getFileSystem().getPath("sub");
            try (SecureDirectoryStream<Path> child = secure.newDirectoryStream(sub)) {
                List<Path> entries = new ArrayList<>();
                child.forEach(entries::add);
                assertEquals(List.of(dir.resolve("sub/f")), entries);
                entries.forEach(entry -> assertInstanceOf(NativeWatchPath.class, entry));
                child.move(dir.getFileSystem().getPath("f"), secure, dir.getFileSystem().getPath("moved"));
            }
            assertEquals("x", Files.readString(tempDir.resolve("moved")));
            secure.deleteFile(dir.getFileSystem().getPath("moved"));
            secure.deleteDirectory(sub);
            assertThrows(ProviderMismatchException.class, () -> secure.deleteFile(Path.of("sub")));
        }
        try (DirectoryStream<Path> empty = Files.newDirectoryStream(tempDir)) {
            assertFalse(empty.iterator().hasNext());
        }
    }

    @Test
    void readsAndWritesAttributes() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "12345");
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
        assertEquals(5, basic.size());
        assertTrue(basic.isRegularFile());
        assertEquals(Files.readAttributes(tempDir.resolve("f"), BasicFileAttributes.class).fileKey(), basic.fileKey());

        FileTime time = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, time);
        assertEquals(time, Files.getLastModifiedTime(tempDir.resolve("f")));
        Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(null, time, null);
        Map<String, Object> map = Files.readAttributes(file, "size,lastModifiedTime");
        assertEquals(5L, map.get("size"));
        assertEquals(time, map.get("lastModifiedTime"));
        Files.setAttribute(file, "lastModifiedTime", FileTime.fromMillis(2_000_000_000_000L));
        assertEquals(FileTime.fromMillis(2_000_000_000_000L), Files.getAttribute(file, "lastModifiedTime"));
        assertEquals(Files.getFileStore(tempDir).name(), Files.getFileStore(file).name());
        assertFalse(Files.isHidden(file));
        Path hidden = Files.createFile(dir.resolve(".hidden"));
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            Files.setAttribute(hidden, "dos:hidden", true); // Windows hides by attribute, not by a leading dot
        }
        assertTrue(Files.isHidden(hidden));
        provider.checkAccess(file, AccessMode.READ, AccessMode.WRITE);
        assertThrows(NoSuchFileException.class, () -> provider.checkAccess(dir.resolve("missing")));
    }

    @Test
    void readsAndWritesPosixAttributes() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = Files.createFile(dir.resolve("f"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(tempDir.resolve("f")));
        PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class);
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), posix.permissions());
        assertEquals(Files.getOwner(tempDir.resolve("f")), posix.owner());
        assertEquals(posix.owner(),
                dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(posix.owner().getName()));
    }

    /** What JDK 20's Files.exists and Files.isDirectory ask a provider: no exception for a missing file. */
    @Test
    void existsAndReadAttributesIfExistsAnswerForTheDelegate() throws IOException {
        NativeWatchFileSystemProvider ours = (NativeWatchFileSystemProvider) provider;
        Path file = Files.createFile(dir.resolve("file"));
        Path missing = dir.resolve("missing");
        assertTrue(ours.exists(file));
        assertTrue(ours.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(ours.exists(missing));
        assertFalse(ours.exists(missing, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(ours.readAttributesIfExists(dir, BasicFileAttributes.class).isDirectory());
        assertTrue(ours.readAttributesIfExists(file, BasicFileAttributes.class).isRegularFile());
        assertEquals(null, ours.readAttributesIfExists(missing, BasicFileAttributes.class));
        assertThrows(ProviderMismatchException.class, () -> ours.exists(tempDir));

        try {
            Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), missing);
            assertFalse(ours.exists(dangling));
            assertTrue(ours.exists(dangling, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertEquals(null, ours.readAttributesIfExists(dangling, BasicFileAttributes.class));
            assertTrue(ours.readAttributesIfExists(dangling, BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).isSymbolicLink());
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            abort("symbolic links cannot be created here: " + e);
        }

        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path wrapped = NativeWatch.path(Files.createDirectory(jimfs.getPath("/j")));
            assertTrue(ours.exists(wrapped));
            assertFalse(ours.exists(wrapped.resolve("missing")));
            assertEquals(null, ours.readAttributesIfExists(wrapped.resolve("missing"), BasicFileAttributes.class));
        }
    }

    @Test
    void linksAndSameFile() throws IOException {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = dir.resolve("link");
        try {
            Files.createSymbolicLink(link, dir.getFileSystem().getPath("target"));
        } catch (UnsupportedOperationException | IOException e) {
            abort("symbolic links unsupported here: " + e);
        }
        Path read = Files.readSymbolicLink(link);
        assertInstanceOf(NativeWatchPath.class, read);
        assertEquals(dir.getFileSystem().getPath("target"), read);
        assertTrue(Files.isSymbolicLink(tempDir.resolve("link")));
        assertTrue(Files.isSameFile(link, target));

        Path hard = Files.createLink(dir.resolve("hard"), target);
        assertTrue(Files.isSameFile(hard, target));
        assertFalse(Files.isSameFile(hard, Files.createFile(dir.resolve("other"))));
        assertFalse(provider.isSameFile(target, tempDir.resolve("target")), "a path of another provider is not");
    }

    @Test
    void foreignPathsAreAMismatchForEveryOperation() throws IOException {
        Path ours = Files.createFile(dir.resolve("f"));
        Path jdk = tempDir.resolve("f");
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path jimfsPath = Files.createFile(jimfs.getPath("/f"));
            for (Path foreign : List.of(jdk, jimfsPath)) {
                assertThrows(ProviderMismatchException.class, () -> provider.newInputStream(foreign));
                assertThrows(ProviderMismatchException.class, () -> provider.newOutputStream(foreign));
                assertThrows(ProviderMismatchException.class, () -> provider.newByteChannel(foreign, Set.of()));
                assertThrows(ProviderMismatchException.class, () -> provider.newDirectoryStream(foreign, p -> true));
                assertThrows(ProviderMismatchException.class, () -> provider.delete(foreign));
                assertThrows(ProviderMismatchException.class, () -> provider.checkAccess(foreign));
                assertThrows(ProviderMismatchException.class,
                        () -> provider.readAttributes(foreign, BasicFileAttributes.class));
                assertThrows(ProviderMismatchException.class, () -> provider.copy(ours, foreign));
                assertThrows(ProviderMismatchException.class, () -> provider.move(foreign, ours));
                assertThrows(ProviderMismatchException.class, () -> provider.createLink(dir.resolve("l"), foreign));
            }
            assertThrows(ProviderMismatchException.class,
                    () -> provider.createSymbolicLink(dir.resolve("s"), jimfsPath));
            assertThrows(NullPointerException.class, () -> provider.delete(null));
        }
        assertTrue(Files.exists(jdk), "nothing was deleted");
    }

    @Test
    void aZipFileSystemOpensOnANativeWatchPath() throws IOException {
        Path zip = dir.resolve("archive.zip");
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.writeString(archive.getPath("/entry.txt"), "zipped");
        }
        assertTrue(Files.size(tempDir.resolve("archive.zip")) > 0);
        try (FileSystem archive = FileSystems.newFileSystem(zip)) {
            assertEquals("zipped", Files.readString(archive.getPath("/entry.txt")));
        }
    }

    @Test
    void fileSystemsByUri() throws IOException {
        FileSystem installed = FileSystems.getFileSystem(URI.create("nativewatch:///"));
        assertSame(dir.getFileSystem(), installed);
        assertThrows(FileSystemAlreadyExistsException.class,
                () -> FileSystems.newFileSystem(URI.create("nativewatch:///"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> provider.getPath(URI.create("file:///tmp")));
        assertThrows(IllegalArgumentException.class, () -> provider.getPath(URI.create("nativewatch:///tmp#x")));
        assertThrows(UnsupportedOperationException.class, installed::close);
        assertTrue(installed.isOpen());
        assertFalse(installed.isReadOnly());
        assertEquals(FileSystems.getDefault().getSeparator(), installed.getSeparator());
        assertEquals(FileSystems.getDefault().supportedFileAttributeViews(), installed.supportedFileAttributeViews());
    }

    @Test
    void wrapKeepsOneFileSystemPerDelegate() throws IOException {
        assertThrows(NullPointerException.class, () -> NativeWatch.path(null));
        assertSame(dir, NativeWatch.path(dir));
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
             FileSystem otherJimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path a = NativeWatch.path(jimfs.getPath("/a"));
            Path b = NativeWatch.path(jimfs.getPath("/a"));
            NativeWatchFileSystem wrapper = assertInstanceOf(NativeWatchFileSystem.class, a.getFileSystem());
            assertSame(jimfs, wrapper.delegate());
            assertSame(a.getFileSystem(), b.getFileSystem());
            assertSame(provider, wrapper.provider());
            assertEquals(a, b);
            assertEquals(a, a.getFileSystem().getPath("/a"));
            Path other = NativeWatch.path(otherJimfs.getPath("/a"));
            assertNotSame(a.getFileSystem(), other.getFileSystem());
            assertFalse(a.equals(other));
            assertEquals(jimfs.getPath("/a").toUri(), a.toUri(), "a wrapped file system keeps its own URIs");
            assertThrows(UnsupportedOperationException.class, a::toFile);
            assertThrows(ProviderMismatchException.class, () -> a.resolve(dir));

            Files.writeString(a, "in jimfs");
            assertEquals("in jimfs", Files.readString(jimfs.getPath("/a")));
            a.getFileSystem().close();
            assertFalse(jimfs.isOpen(), "closing the wrapper closes the file system it wraps");
            assertFalse(a.getFileSystem().isOpen());
            assertThrows(ClosedFileSystemException.class, a.getFileSystem()::newWatchService);
        }
    }

    @Test
    void aProviderMadeForDefaultModeSpeaksFileUris() throws IOException {
        var defaultMode = new NativeWatchFileSystemProvider(FileSystems.getDefault().provider());
        assertEquals("file", defaultMode.getScheme());
        FileSystem fileSystem = defaultMode.getFileSystem(URI.create("file:///"));
        assertSame(FileSystems.getDefault(), ((NativeWatchFileSystem) fileSystem).delegate());
        Path file = Files.createFile(defaultMode.getPath(tempDir.resolve("f").toUri()));
        assertSame(fileSystem, file.getFileSystem());
        assertEquals(tempDir.resolve("f").toUri(), file.toUri());
        assertEquals(tempDir.resolve("f").toFile(), file.toFile());
        assertThrows(FileSystemAlreadyExistsException.class,
                () -> defaultMode.newFileSystem(URI.create("file:///"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> defaultMode.getPath(URI.create("nativewatch:///tmp")));
        try (FileSystem jimfs = Jimfs.newFileSystem()) {
            assertThrows(IllegalArgumentException.class, () -> new NativeWatchFileSystemProvider(jimfs.provider()));
        }
    }
}
