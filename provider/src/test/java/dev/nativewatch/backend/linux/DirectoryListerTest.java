package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing real directories with getdents64, against what NIO and lstat say of the same entries. */
class DirectoryListerTest {

    @TempDir
    Path dir;

    /** Small enough that a listing of a few hundred entries takes many calls. */
    private final ByteBuffer smallBuffer = ByteBuffer.allocateDirect(512);

    @BeforeEach
    void getdentsCanRunHere() {
        EngineHarness.assumeInotify();
    }

    @Test
    void tellsDirectoriesFromFilesAndLinksAsLstatDoes() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("file.txt"), "x");
        Files.createSymbolicLink(dir.resolve("link-to-sub"), dir.resolve("sub"));
        Files.createDirectory(dir.resolve(".hidden"));

        Map<String, EntryKind> listed = listWithGetdents(dir, true);

        assertEquals(Map.of("sub", EntryKind.DIRECTORY, "file.txt", EntryKind.OTHER,
                "link-to-sub", EntryKind.OTHER, ".hidden", EntryKind.DIRECTORY), listed);
        assertEquals(listWithNio(dir, true), listed);
    }

    @Test
    void aListingLongerThanTheBufferIsReadToTheEnd() throws IOException {
        for (int i = 0; i < 300; i++) {
            String name = "entry-with-a-name-long-enough-to-fill-buffers-" + i;
            if (i % 3 == 0) {
                Files.createDirectory(dir.resolve(name));
            } else {
                Files.createFile(dir.resolve(name));
            }
        }

        Map<String, EntryKind> listed = listWithGetdents(dir, true);

        assertEquals(300, listed.size());
        assertEquals(listWithNio(dir, true), listed);
    }

    @Test
    void withoutEveryEntryOnlyPossibleDirectoriesAreHandedOver() throws IOException {
        Files.createDirectory(dir.resolve("a"));
        Files.createDirectory(dir.resolve("b"));
        Files.createFile(dir.resolve("c"));

        Map<String, EntryKind> listed = listWithGetdents(dir, false);

        assertTrue(listed.values().stream().allMatch(EntryKind::mayBeDirectory), listed::toString);
        assertTrue(listed.keySet().containsAll(java.util.List.of("a", "b")), listed::toString);
        assertEquals(listWithNio(dir, false).keySet(), listed.keySet());
    }

    @Test
    void aSymbolicLinkToTheListedDirectoryIsFollowed() throws IOException {
        Files.createDirectory(dir.resolve("real"));
        Files.createFile(dir.resolve("real/inside"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));

        assertEquals(Map.of("inside", EntryKind.OTHER), listWithGetdents(link, true));
    }

    @Test
    void aMissingDirectoryFailsWithEnoent() {
        InotifyException e = assertThrows(InotifyException.class,
                () -> listWithGetdents(dir.resolve("missing"), true));
        assertEquals(InotifyApi.ENOENT, e.errno());
        assertThrows(NoSuchFileException.class, () -> listWithNio(dir.resolve("missing"), true));
    }

    @Test
    void aFileFailsWithEnotdir() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));

        InotifyException e = assertThrows(InotifyException.class, () -> listWithGetdents(file, true));
        assertEquals(InotifyApi.ENOTDIR, e.errno());
        assertThrows(NotDirectoryException.class, () -> listWithNio(file, true));
    }

    @Test
    void listingDoesNotLeakDescriptors() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Map<String, String> before = InotifyServiceTest.descriptors();

        for (int i = 0; i < 1000; i++) {
            listWithGetdents(dir, true);
            assertThrows(InotifyException.class, () -> listWithGetdents(dir.resolve("missing"), true));
        }

        InotifyServiceTest.assertOpenedSince(List.of(), before, "every directory listed is closed");
    }

    private Map<String, EntryKind> listWithGetdents(Path directory, boolean everyEntry) throws IOException {
        Map<String, EntryKind> entries = new TreeMap<>();
        int fd = JnaInotifyApi.INSTANCE.openDirectory(NativePath.of(directory));
        try {
            DirectoryLister.listWithGetdents(fd, smallBuffer, everyEntry, entries::put);
        } finally {
            JnaInotifyApi.INSTANCE.close(fd);
        }
        return entries;
    }

    private static Map<String, EntryKind> listWithNio(Path directory, boolean everyEntry) throws IOException {
        Map<String, EntryKind> entries = new TreeMap<>();
        DirectoryLister.listWithNio(directory, everyEntry, entries::put);
        return entries;
    }
}
