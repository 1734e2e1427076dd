package dev.nativewatch.backend.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.Arrays;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A directory's identity through inode reuse, and names that are not valid in the JVM's charset. */
class IdentityAndNamesRegressionTest extends TreeScenario {

    /**
     * {@code rmdir D; mkdir D} (ext4 hands the new D the old inode number at once), then {@code register(D)}
     * while the poller is busy registering a large tree: the key returned must be valid and report the new D.
     * A race by nature: tried five times, with the poller busy each time.
     */
    @Test
    void aDirectoryRecreatedUnderTheSameNameGetsAKeyThatWatchesIt() throws Exception {
        Path big = Files.createDirectories(temp.resolve("big"));
        Registering.makeTree(big, 10, 10, 30);
        watch(WatchBackend.INOTIFY);
        for (int attempt = 0; attempt < 5; attempt++) {
            Path d = Files.createDirectory(temp.resolve("d" + attempt));
            watching.register(d, new java.nio.file.WatchEvent.Kind<?>[] {ENTRY_CREATE});
            Registering registering = Registering.start(watching, big);
            Files.delete(d);
            Files.createDirectory(d);
            WatchKey key = watching.register(d, new java.nio.file.WatchEvent.Kind<?>[] {ENTRY_CREATE});
            registering.join().cancel();
            Path file = touch(d.resolve("f"));
            Object fileKey = Watching.keyOf(file);
            boolean reported = watching.await(seen -> seen.stream()
                    .anyMatch(e -> e.key() == key && Watching.reports(e, d, fileKey)), DEADLINE);
            if (!reported || !key.isValid()) {
                fail("attempt " + attempt + ": the key returned for the re-created directory is "
                        + (key.isValid() ? "valid" : "invalid") + " and " + (reported ? "reported" : "did not report")
                        + " its file; events: " + describe(watching.events()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void namesThatAreNotUtf8ResolveToTheirFilesAndStayDistinct(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        watch(backend).registerTree(root);
        Path first = create(root, "bad\u00ff");
        Path second = create(root, "bad\u00fe");
        assertCreated(root, first);
        assertCreated(root, second);
        byte[] firstContext = contextOf(root, first);
        byte[] secondContext = contextOf(root, second);
        assertFalse(Arrays.equals(firstContext, secondContext), "two names, one context");
    }

    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void aSubdirectoryWhoseNameIsNotUtf8IsWatched(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        watch(backend).registerTree(root);
        byte[] sub = RawPaths.bytes(RawPaths.latin1(RawPaths.bytes(root)) + "/sub\u00ff");
        RawFiles.mkdir(sub);
        Path file = create(RawPaths.path(sub), "f");
        assertCreated(root, file);
        Path deeper = create(RawPaths.path(sub), "g\u00ff");
        assertCreated(root, deeper);
    }

    /** Creates a file with a name given as ISO-8859-1 characters, one per byte. */
    private static Path create(Path dir, String latin1Name) throws Exception {
        byte[] path = RawPaths.bytes(RawPaths.latin1(RawPaths.bytes(dir)) + "/" + latin1Name);
        RawFiles.createFile(path);
        return RawPaths.path(path);
    }

    private byte[] contextOf(Path root, Path file) throws Exception {
        Object fileKey = Watching.keyOf(file);
        Watching.Event event = watching.events().stream().filter(e -> Watching.reports(e, root, fileKey))
                .findFirst().orElseThrow();
        assertTrue(event.context() != null);
        return RawPaths.relativeBytes(event.context());
    }
}
