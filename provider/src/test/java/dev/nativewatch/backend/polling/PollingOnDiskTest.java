package dev.nativewatch.backend.polling;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.testing.Links;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The polling backend on the machine's own file system. */
class PollingOnDiskTest extends PollingExclusionScenarios {

    @TempDir
    Path temp;

    @Override
    Path newDirectory() throws IOException {
        return Files.createDirectory(temp.resolve("watched"));
    }

    @Test
    void permissionChangesAreSecurityAndAttributeChanges() throws Exception {
        assumePosix();
        Path file = Files.createFile(dir.resolve("f"));
        register(kinds(ExtendedKinds.ENTRY_SECURITY, ExtendedKinds.ENTRY_ATTRIBUTES));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        collector.until(seen -> seen.contains("ENTRY_SECURITY f") && seen.contains("ENTRY_ATTRIBUTES f"));
    }

    @Test
    void permissionChangesAreModifyWithStandardKinds() throws Exception {
        assumePosix();
        Path file = Files.createFile(dir.resolve("f"));
        register(kinds(ENTRY_MODIFY));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        collector.until("ENTRY_MODIFY f");
    }

    @Test
    void aWriteIsNotMistakenForACreationTimeChange() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "1");
        register(kinds(ENTRY_CREATE, ExtendedKinds.ENTRY_CREATION_TIME, ExtendedKinds.ENTRY_LAST_WRITE));
        Files.writeString(file, "changed");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        collector.until("ENTRY_LAST_WRITE f");
        awaitSentinel("sentinel");
        assertFalse(collector.events().contains("ENTRY_CREATION_TIME f"), collector.events().toString());
    }

    @Test
    void symbolicLinksAreEntriesLikeAnyOther() throws Exception {
        register(kinds(ENTRY_CREATE, java.nio.file.StandardWatchEventKinds.ENTRY_DELETE, ENTRY_MODIFY));
        Path link = Links.createSymbolicLink(dir.resolve("link"), dir.resolve("nowhere"));
        collector.until("ENTRY_CREATE link");
        Files.delete(link);
        collector.until("ENTRY_DELETE link");
    }

    @Test
    void anUnreadableSubdirectoryIsAModificationNotTheDeletionOfItsContents() throws Exception {
        assumePosix();
        Path sub = Files.createDirectories(dir.resolve("sub").resolve("deep"));
        Files.createFile(dir.resolve("sub").resolve("a"));
        Files.createFile(sub.resolve("b"));
        Path unreadable = dir.resolve("sub");
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(unreadable);
        register(kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), ExtendedModifiers.SUBTREE);
        try {
            Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
            assumeFalse(Files.isReadable(unreadable), "this user (root?) can still read a directory with mode 000");
            awaitSentinel("sentinel1");
            assertTrue(collector.events().stream().filter("ENTRY_MODIFY sub"::equals).count() <= 1,
                    collector.events().toString());
        } finally {
            Files.setPosixFilePermissions(unreadable, before);
        }
        awaitSentinel("sentinel2");
        List<String> events = collector.events();
        assertTrue(events.stream().noneMatch(e -> e.contains("sub" + dir.getFileSystem().getSeparator())),
                "the contents of sub were reported: " + events);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("ENTRY_DELETE")), events.toString());
    }

    @Test
    void aSymbolicLinkToADirectoryIsWatchedAsThatDirectory() throws Exception {
        Path link = Links.createSymbolicLink(temp.resolve("link"), dir);
        service.register(link, link, kinds(ENTRY_CREATE, ENTRY_MODIFY), ExtendedModifiers.SUBTREE);
        Files.createDirectory(dir.resolve("d"));
        collector.until("ENTRY_CREATE d");
        Files.writeString(dir.resolve("d").resolve("f"), "x");
        collector.until(seen -> seen.contains("ENTRY_CREATE " + Path.of("d", "f")));
    }

    @Test
    void aSymbolicLinkToADirectoryIsWatchedAsThatDirectoryWithoutTheSubtree() throws Exception {
        Path link = Links.createSymbolicLink(temp.resolve("flat"), dir);
        service.register(link, link, kinds(ENTRY_CREATE));
        Files.createFile(dir.resolve("f"));
        collector.until("ENTRY_CREATE f");
    }

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "this file system has no POSIX permissions to change");
    }
}
