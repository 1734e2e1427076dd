package dev.nativewatch.backend.tree;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchKey;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A root registered through a symbolic link watches the directory the link led to when it was registered. */
class SymlinkRootRegressionTest extends TreeScenario {

    /**
     * {@code ln -sfn elsewhere root} after registering: what happens in the new target is never reported, even
     * when a subdirectory of the same name appears in both, which a watcher attaching by path would confuse.
     */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void aRepointedRootLinkNeverReportsFilesOfTheNewTarget(WatchBackend backend) throws Exception {
        Path first = Files.createDirectories(temp.resolve("first"));
        Path second = Files.createDirectories(temp.resolve("second"));
        Path link = Files.createSymbolicLink(temp.resolve("root"), first);
        WatchKey key = watch(backend).registerTree(link);
        Path replacement = Files.createSymbolicLink(temp.resolve("root.new"), second);
        Files.move(replacement, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectory(second.resolve("d"));
        Files.createDirectory(first.resolve("d"));
        touch(second.resolve("d/elsewhere-in-d"));
        touch(second.resolve("elsewhere-top"));
        Path inside = touch(first.resolve("d/inside"));
        if (awaitCreatedOrInvalid(first, inside, key)) {
            assertCreated(first, touch(first.resolve("sentinel")));
        }
        assertEquals("[]", describe(eventsNamed("elsewhere")), "files of the link's new target");
    }

    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void aLinkToADirectoryAsTheRootReportsFiles(WatchBackend backend) throws Exception {
        Path target = Files.createDirectories(temp.resolve("target/sub"));
        target = target.getParent();
        Path link = Files.createSymbolicLink(temp.resolve("link"), target);
        watch(backend).registerTree(link);
        assertCreated(target, touch(target.resolve("top")));
        assertCreated(target, touch(target.resolve("sub/nested")));
        assertCreated(target, touch(Files.createDirectory(target.resolve("new")).resolve("nested")));
    }
}
