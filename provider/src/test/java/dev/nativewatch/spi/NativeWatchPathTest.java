package dev.nativewatch.spi;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nativewatch.NativeWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@link java.nio.file.Path} method of a nativewatch path wraps and unwraps, in installed mode. */
class NativeWatchPathTest {

    private final FileSystem fileSystem = FileSystems.getFileSystem(URI.create("nativewatch:///"));

    @Test
    void installedFileSystemWrapsTheDefaultOne() {
        NativeWatchFileSystem ours = assertInstanceOf(NativeWatchFileSystem.class, fileSystem);
        assertSame(FileSystems.getDefault(), ours.delegate());
        assertEquals(NativeWatchFileSystemProvider.SCHEME, ours.provider().getScheme());
        assertSame(fileSystem, NativeWatch.path(Path.of("x")).getFileSystem(), "one shared file system");
    }

    @Test
    void namesAreWrapped() {
        Path path = fileSystem.getPath("/a/b/c");
        assertWrapped("/", path.getRoot());
        assertWrapped("c", path.getFileName());
        assertWrapped("/a/b", path.getParent());
        assertWrapped("b", path.getName(1));
        assertWrapped("b/c", path.subpath(1, 3));
        assertEquals(3, path.getNameCount());
        assertTrue(path.isAbsolute());
        assertNull(fileSystem.getPath("c").getParent());
        assertNull(fileSystem.getPath("c").getRoot());

        List<Path> names = new ArrayList<>();
        path.iterator().forEachRemaining(names::add);
        assertEquals(List.of(fileSystem.getPath("a"), fileSystem.getPath("b"), fileSystem.getPath("c")), names);
        names.forEach(name -> assertInstanceOf(NativeWatchPath.class, name));
    }

    @Test
    void resolveRelativizeAndNormalizeStayInTheFileSystem() {
        Path base = fileSystem.getPath("/a/b");
        assertWrapped("/a/b/c", base.resolve(fileSystem.getPath("c")));
        assertWrapped("/a/b/c", base.resolve("c"));
        assertWrapped("/a/d", base.resolveSibling("d"));
        assertWrapped("../x", base.relativize(fileSystem.getPath("/a/x")));
        assertWrapped("/a/x", fileSystem.getPath("/a/b/../x").normalize());
        assertEquals(fileSystem.getPath("/a/b/c/d"), base.resolve(base.relativize(fileSystem.getPath("/a/b/c/d"))));
    }

    @Test
    void startsWithAndEndsWith() {
        Path path = fileSystem.getPath("/a/b/c");
        assertTrue(path.startsWith(fileSystem.getPath("/a/b")));
        assertTrue(path.startsWith("/a"));
        assertTrue(path.endsWith(fileSystem.getPath("b/c")));
        assertTrue(path.endsWith("c"));
        assertFalse(path.startsWith(fileSystem.getPath("/b")));
        assertFalse(path.endsWith(fileSystem.getPath("b")));
        // As with the JDK's own paths, a path of another provider is simply not a prefix.
        assertFalse(path.startsWith(Path.of("/a")));
        assertFalse(path.endsWith(Path.of("c")));
    }

    @Test
    void equalsHashCodeAndCompareToFollowTheDelegate() {
        Path one = fileSystem.getPath("/a/b");
        Path same = fileSystem.getPath("/a", "b");
        Path other = fileSystem.getPath("/a/c");
        assertEquals(one, same);
        assertEquals(one.hashCode(), same.hashCode());
        assertEquals(0, one.compareTo(same));
        assertEquals(Path.of("/a/b").compareTo(Path.of("/a/c")), one.compareTo(other));
        assertNotEquals(one, other);
        assertNotEquals(one, Path.of("/a/b"), "a JDK path is of another file system");
        assertEquals("/a/b", one.toString());
    }

    @Test
    void absoluteRealPathAndFile(@TempDir Path tempDir) throws IOException {
        Path dir = NativeWatch.path(tempDir);
        Path file = Files.createFile(dir.resolve("f"));
        Files.createDirectory(dir.resolve("x"));
        String absolute = Path.of("").toAbsolutePath().resolve("rel").toString();
        assertWrapped(absolute, fileSystem.getPath("rel").toAbsolutePath());
        assertWrapped(tempDir.toRealPath().resolve("f").toString(), dir.resolve("x/../f").toRealPath());
        assertEquals(tempDir.resolve("f").toFile(), file.toFile());
        assertWrapped(file.toString(), NativeWatch.path(file.toFile().toPath()));
    }

    @Test
    void uriRoundTrips(@TempDir Path tempDir) throws IOException {
        Path file = Files.createFile(NativeWatch.path(tempDir).resolve("with space"));
        URI uri = file.toUri();
        assertEquals("nativewatch", uri.getScheme());
        assertEquals(tempDir.resolve("with space").toUri().getRawPath(), uri.getRawPath());
        assertEquals(file, Path.of(uri));
        assertSame(fileSystem, Path.of(uri).getFileSystem());

        Path dir = NativeWatch.path(tempDir);
        assertEquals(dir, Path.of(dir.toUri()), "a directory's URI ends in a slash and still round-trips");
    }

    @Test
    void foreignPathsAreAMismatch() throws IOException {
        Path path = fileSystem.getPath("/a");
        assertThrows(ProviderMismatchException.class, () -> path.resolve(Path.of("b")));
        assertThrows(ProviderMismatchException.class, () -> path.relativize(Path.of("/a/b")));
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            Path jimfsPath = jimfs.getPath("/a/b");
            assertThrows(ProviderMismatchException.class, () -> path.resolve(jimfsPath));
            assertThrows(ProviderMismatchException.class, () -> path.relativize(jimfsPath));
            assertThrows(NullPointerException.class, () -> path.resolve((Path) null));
        }
    }

    @Test
    void pathMatcherSeesTheDelegate() {
        var matcher = fileSystem.getPathMatcher("glob:**/*.txt");
        assertTrue(matcher.matches(fileSystem.getPath("/a/b.txt")));
        assertFalse(matcher.matches(fileSystem.getPath("/a/b.md")));
    }

    @Test
    void rootDirectoriesAreWrapped() {
        List<Path> roots = new ArrayList<>();
        fileSystem.getRootDirectories().forEach(roots::add);
        List<Path> expected = new ArrayList<>();
        FileSystems.getDefault().getRootDirectories()
                .forEach(root -> expected.add(fileSystem.getPath(root.toString())));
        assertEquals(expected, roots);
        roots.forEach(root -> assertInstanceOf(NativeWatchPath.class, root));
    }

    private void assertWrapped(String expected, Path actual) {
        NativeWatchPath ours = assertInstanceOf(NativeWatchPath.class, actual);
        assertSame(fileSystem, ours.getFileSystem());
        assertEquals(expected, actual.toString());
    }
}
