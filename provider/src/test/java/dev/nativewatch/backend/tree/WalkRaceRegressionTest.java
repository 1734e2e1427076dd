package dev.nativewatch.backend.tree;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Directories renamed while the watcher is still walking them (a new subtree being attached, or a large tree
 * being registered): every directory ends up watched, or an OVERFLOW says that something was lost.
 */
class WalkRaceRegressionTest extends TreeScenario {

    /** "Build in place, then rename": {@code mkdir -p tmp-N/a/b; mv tmp-N final-N}, a hundred times. */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void directoriesBuiltInPlaceThenRenamedAreWatchedToTheirLeaves(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        watch(backend).registerTree(root);
        for (int n = 0; n < 100; n++) {
            buildThenRename(root.resolve("tmp-" + n), "a/b", root.resolve("final-" + n));
        }
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            files.add(touch(root.resolve("final-" + n + "/a/b/f")));
        }
        assertAllCreatedOrOverflow(root, files);
    }

    /** Top-level directories renamed while a large tree is being registered. */
    @ParameterizedTest
    @EnumSource(WatchBackend.class)
    void directoriesRenamedWhileTheTreeIsRegisteredAreWatchedToTheirLeaves(WatchBackend backend) throws Exception {
        Path root = Files.createDirectories(temp.resolve("r"));
        Registering.makeTree(root, 20, 10, 10);
        watch(backend);
        Registering registering = Registering.start(watching, root);
        for (int i = 0; i < 20; i++) {
            Files.move(root.resolve("top-" + i), root.resolve("moved-" + i));
        }
        registering.join();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path dir : walk.filter(Files::isDirectory).toList()) {
                files.add(touch(dir.resolve("f")));
            }
        }
        assertAllCreatedOrOverflow(root, files);
    }

    private void assertAllCreatedOrOverflow(Path root, List<Path> files) throws Exception {
        List<Object> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(Watching.keyOf(file));
        }
        CreatedKeys created = new CreatedKeys(root);
        watching.await(seen -> watching.overflowed() || created.update(seen).containsAll(keys), DEADLINE);
        if (watching.overflowed()) {
            return;
        }
        Set<Object> reported = created.update(watching.events());
        List<Path> missing = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (!reported.contains(keys.get(i))) {
                missing.add(root.relativize(files.get(i)));
            }
        }
        if (!missing.isEmpty()) {
            fail(missing.size() + " of " + files.size() + " files never reported, and no OVERFLOW: "
                    + missing.subList(0, Math.min(20, missing.size())));
        }
    }
}
