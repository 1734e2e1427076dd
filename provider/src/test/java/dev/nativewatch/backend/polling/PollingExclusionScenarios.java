package dev.nativewatch.backend.polling;

import dev.nativewatch.ExtendedModifiers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exclusions on the polling backend: excluded directories are not scanned, and nothing excluded is reported. */
abstract class PollingExclusionScenarios extends PollingScenarios {

    @Test
    void anExcludedDirectoryIsNotScanned() throws Exception {
        Files.createDirectories(dir.resolve("a/node_modules/x/y"));
        List<Path> asked = new CopyOnWriteArrayList<>();
        PathMatcher recording = path -> {
            asked.add(path);
            return path.getFileName().toString().equals("node_modules");
        };
        register(kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE, ExtendedModifiers.exclude(recording));
        Files.createFile(dir.resolve("a/node_modules/x/y/f"));
        awaitSentinel("sentinel");
        awaitSentinel("sentinel2"); // a second full scan since the file was created
        assertTrue(asked.stream().anyMatch(p -> p.toString().equals(Path.of("a", "node_modules").toString())),
                asked.toString());
        assertTrue(asked.stream().noneMatch(p -> p.toString().contains("node_modules" + p.getFileSystem()
                .getSeparator())), "nothing under node_modules is looked at: " + asked);
        assertTrue(collector.events().stream().noneMatch(e -> e.contains("node_modules")),
                collector.events().toString());
    }

    @Test
    void excludedFilesAndSubtreesAreNotReported() throws Exception {
        Files.createDirectories(dir.resolve("a/build"));
        register(kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE,
                ExtendedModifiers.exclude("**/build", "*.log", "**/*.log"));
        Files.createFile(dir.resolve("a/build/out"));
        Files.createDirectories(dir.resolve("b/build/deep"));
        Files.createFile(dir.resolve("top.log"));
        Files.createFile(dir.resolve("a/deep.log"));
        Files.createFile(dir.resolve("a/kept"));
        collector.until("ENTRY_CREATE a/kept");
        awaitSentinel("sentinel");
        assertTrue(collector.events().contains("ENTRY_CREATE b"), collector.events().toString());
        assertTrue(collector.events().stream().noneMatch(e -> e.contains("build") || e.contains(".log")),
                collector.events().toString());
    }

    @Test
    void registeringAgainAppliesTheLaterExclusions() throws Exception {
        Files.createDirectories(dir.resolve("skip"));
        register(kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE, ExtendedModifiers.exclude("skip"));
        Files.createFile(dir.resolve("skip/unseen"));
        awaitSentinel("sentinel");
        register(kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE);
        Files.createFile(dir.resolve("skip/seen"));
        collector.until("ENTRY_CREATE skip/seen");
        assertTrue(collector.events().stream().noneMatch(e -> e.contains("unseen")), collector.events().toString());
    }
}
