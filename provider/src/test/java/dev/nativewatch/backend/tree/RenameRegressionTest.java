package dev.nativewatch.backend.tree;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renames that change a watched tree's shape: what was in the tree, and what is created later, is reported. */
class RenameRegressionTest extends TreeScenario {

    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void renameOntoEmptyWatchedSubdirectoryFromOutsideIsWatched(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r/x")).getParent();
        Path y = Files.createDirectories(temp.resolve("outside/y"));
        touch(y.resolve("inside-before"));
        watch(backend).registerTree(root);
        RawFiles.rename(RawPaths.bytes(y), RawPaths.bytes(root.resolve("x")));
        assertCreated(root, root.resolve("x/inside-before"));
        assertCreated(root, touch(root.resolve("x/later")));
        assertCreated(root, touch(Files.createDirectory(root.resolve("x/sub")).resolve("deeper")));
    }

    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void renameOntoEmptyWatchedSubdirectoryFromInsideIsWatched(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r/x")).getParent();
        Path y = Files.createDirectories(root.resolve("y/inner"));
        watch(backend).registerTree(root);
        RawFiles.rename(RawPaths.bytes(root.resolve("y")), RawPaths.bytes(root.resolve("x")));
        assertCreated(root, touch(root.resolve("x/later")));
        assertCreated(root, touch(root.resolve("x/inner/later")));
        assertTrue(Files.notExists(y));
    }

    /**
     * After an ancestor of the root moves, a subdirectory created in the moved tree is watched (reported relative
     * to where the root is now), or the key is invalidated and signalled; a directory created at the old path is
     * someone else's and is never reported.
     */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void afterAnAncestorIsRenamedNewSubdirectoriesAreWatchedOrTheKeyIsInvalidated(WatchBackend backend)
            throws Exception {
        Path root = Files.createDirectories(temp.resolve("base/anc/r/existing"));
        root = root.getParent();
        WatchKey key = watch(backend).registerTree(root);
        Files.move(temp.resolve("base/anc"), temp.resolve("base/anc2"));
        Path movedRoot = temp.resolve("base/anc2/r");
        assertMovedTreeIsFollowedOrSignalled(key, root, movedRoot);
    }

    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void afterTheRootIsRenamedNewSubdirectoriesAreWatchedOrTheKeyIsInvalidated(WatchBackend backend)
            throws Exception {
        Path root = Files.createDirectories(temp.resolve("base/r/existing")).getParent();
        WatchKey key = watch(backend).registerTree(root);
        Files.move(root, temp.resolve("base/r2"));
        assertMovedTreeIsFollowedOrSignalled(key, root, temp.resolve("base/r2"));
    }

    private void assertMovedTreeIsFollowedOrSignalled(WatchKey key, Path oldRoot, Path movedRoot) throws Exception {
        Path decoyDirectory = Files.createDirectories(oldRoot.resolve("newsub"));
        touch(oldRoot.resolve("decoy-top"));
        Path file = touch(Files.createDirectory(movedRoot.resolve("newsub")).resolve("f"));
        touch(decoyDirectory.resolve("decoy-in-newsub"));
        Path existing = touch(movedRoot.resolve("existing/g"));
        boolean followed = awaitCreatedOrInvalid(movedRoot, file, key);
        assertEquals("[]", describe(eventsNamed("decoy")), "files of the directory now at the old path");
        if (followed) {
            assertCreated(movedRoot, file);
            assertCreated(movedRoot, existing);
            assertCreated(movedRoot, touch(Files.createDirectory(movedRoot.resolve("newsub/deeper")).resolve("h")));
            assertCreated(movedRoot, touch(movedRoot.resolve("sentinel")));
        }
        assertEquals("[]", describe(eventsNamed("decoy")), "files of the directory now at the old path");
    }

    /** After an exchange of two watched subdirectories, each reports its files under the name it now has. */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void exchangedSubdirectoriesReportFilesUnderTheirTrueNames(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        Files.createDirectories(root.resolve("a/from-a"));
        Files.createDirectories(root.resolve("b/from-b"));
        watch(backend).registerTree(root);
        RawFiles.exchange(RawPaths.bytes(root.resolve("a")), RawPaths.bytes(root.resolve("b")));
        assertCreated(root, touch(root.resolve("a/fa")));
        assertCreated(root, touch(root.resolve("b/fb")));
        assertCreated(root, touch(root.resolve("a/from-b/fab")));
        assertCreated(root, touch(root.resolve("b/from-a/fba")));
        assertCreated(root, touch(Files.createDirectory(root.resolve("a/new")).resolve("fan")));
        assertCreated(root, touch(Files.createDirectory(root.resolve("b/new")).resolve("fbn")));
        for (Watching.Event event : eventsNamed("f")) {
            assertTrue(event.kind() != ENTRY_CREATE || Watching.keyOf(root, event.context()) != null,
                    "reported under a path that leads nowhere: " + event + "; events: " + describe(watching.events()));
        }
    }

    /** {@code mkdir -p r/p/m/a/b; mv r/p r/q}, at once, then files at the bottom, ten times. */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void aNewSubtreeRenamedBeforeItsSubdirectoriesAreAttachedIsWatched(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        watch(backend).registerTree(root);
        for (int i = 0; i < 10; i++) {
            buildThenRename(root.resolve("p" + i), "m/a/b", root.resolve("q" + i));
            touch(root.resolve("q" + i + "/m/a/f"));
            touch(root.resolve("q" + i + "/m/a/b/f"));
        }
        for (int i = 0; i < 10; i++) {
            assertCreated(root, root.resolve("q" + i + "/m/a/f"));
            assertCreated(root, root.resolve("q" + i + "/m/a/b/f"));
        }
    }

    /** The publish pattern: {@code mkdir -p r/tmp/sub/deeper; mv r/tmp r/final}, then files in it, ten times. */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void aSubtreeBuiltAsideAndPublishedByRenameIsWatched(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        watch(backend).registerTree(root);
        for (int i = 0; i < 10; i++) {
            buildThenRename(root.resolve("tmp" + i), "sub/deeper", root.resolve("final" + i));
            touch(root.resolve("final" + i + "/sub/f"));
            touch(root.resolve("final" + i + "/sub/deeper/f"));
        }
        for (int i = 0; i < 10; i++) {
            assertCreated(root, root.resolve("final" + i + "/sub/f"));
            assertCreated(root, root.resolve("final" + i + "/sub/deeper/f"));
        }
    }
}
