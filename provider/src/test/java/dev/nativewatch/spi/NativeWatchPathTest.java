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

/**
 * Every {@link java.nio.file.Path} method of a nativewatch path wraps and unwraps, in installed mode. Absolute
 * paths start at the default file system's first root ({@code /} or a drive), and what a method returns is
 * compared with what the JDK's own path returns.
 */
class NativeWatchPathTest {

    private static final String ROOT = FileSystems.getDefault().getRootDirectories().iterator().next().toString();

    private final FileSystem fileSystem = FileSystems.getFileSystem(URI.create("nativewatch:///"));

    /** @return the nativewatch path of {@code names} under {@link #ROOT} */
    private Path ours(String... names) {
        return fileSystem.getPath(ROOT, names);
    }

    /** @return the JDK's path of {@code names} under {@link #ROOT} */
    private static Path jdk(String... names) {
        return Path.of(ROOT, names);
    }

    @Test
    void installedFileSystemWrapsTheDefaultOne() {
        NativeWatchFileSystem ours = assertInstanceOf(NativeWatchFileSystem.class, fileSystem);
        assertSame(FileSystems.getDefault(), ours.delegate());
        assertEquals(NativeWatchFileSystemProvider.SCHEME, ours.provider().getScheme());
        assertSame(fileSystem, NativeWatch.path(Path.of("x")).getFileSystem(), "one shared file system");
    }

    @Test
    void namesAreWrapped() {
        Path path = ours("a", "b", "c");
        Path jdk = jdk("a", "b", "c");
        assertWrapped(jdk.getRoot(), path.getRoot());
        assertWrapped(jdk.getFileName(), path.getFileName());
        assertWrapped(jdk.getParent(), path.getParent());
        assertWrapped(jdk.getName(1), path.getName(1));
        assertWrapped(jdk.subpath(1, 3), path.subpath(1, 3));
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
        Path base = ours("a", "b");
        assertWrapped(jdk("a", "b", "c"), base.resolve(fileSystem.getPath("c")));
        assertWrapped(jdk("a", "b", "c"), base.resolve("c"));
        assertWrapped(jdk("a", "d"), base.resolveSibling("d"));
        assertWrapped(Path.of("..", "x"), base.relativize(ours("a", "x")));
        assertWrapped(jdk("a", "x"), ours("a", "b", "..", "x").normalize());
        assertEquals(ours("a", "b", "c", "d"), base.resolve(base.relativize(ours("a", "b", "c", "d"))));
    }

    @Test
    void startsWithAndEndsWith() {
        Path path = ours("a", "b", "c");
        assertTrue(path.startsWith(ours("a", "b")));
        assertTrue(path.startsWith(jdk("a").toString()));
        assertTrue(path.endsWith(fileSystem.getPath("b", "c")));
        assertTrue(path.endsWith("c"));
        assertFalse(path.startsWith(ours("b")));
        assertFalse(path.endsWith(fileSystem.getPath("b")));
        // As with the JDK's own paths, a path of another provider is simply not a prefix.
        assertFalse(path.startsWith(jdk("a")));
        assertFalse(path.endsWith(Path.of("c")));
    }

    @Test
    void equalsHashCodeAndCompareToFollowTheDelegate() {
        Path one = ours("a", "b");
        Path same = fileSystem.getPath(jdk("a").toString(), "b");
        Path other = ours("a", "c");
        assertEquals(one, same);
        assertEquals(one.hashCode(), same.hashCode());
        assertEquals(0, one.compareTo(same));
        assertEquals(jdk("a", "b").compareTo(jdk("a", "c")), one.compareTo(other));
        assertNotEquals(one, other);
        assertNotEquals(one, jdk("a", "b"), "a JDK path is of another file system");
        assertEquals(jdk("a", "b").toString(), one.toString());
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
        assertTrue(matcher.matches(ours("a", "b.txt")));
        assertFalse(matcher.matches(ours("a", "b.md")));
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

    /** Checks that {@code actual} is a nativewatch path that reads as the JDK's {@code expected} does. */
    private void assertWrapped(Path expected, Path actual) {
        assertWrapped(expected.toString(), actual);
    }
}
