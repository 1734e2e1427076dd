package dev.nativewatch.backend.linux;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.nativewatch.backend.linux.InotifyServiceTest.inotifyDescriptors;
import static dev.nativewatch.backend.linux.InotifyServiceTest.kernelWatches;
import static dev.nativewatch.backend.linux.InotifyServiceTest.kinds;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exclusions on inotify: an excluded directory takes no kernel watch, counted in the kernel's own fdinfo, and
 * nothing under it, or matching, is reported.
 */
class InotifyExclusionTest {

    /** Directories in {@link #tree}: the root and seven under it, four of them in node_modules. */
    static final int ALL = 8;
    /** root, a, a/src. */
    static final int KEPT = 3;
    static final String[] NODE_MODULES = {"node_modules", "**/node_modules"};

    @TempDir
    Path dir;
    NativeWatchService service;
    EventCollector collector;
    String fd;

    @BeforeEach
    void start() throws IOException {
        EngineHarness.assumeInotify();
        tree();
        Set<String> before = inotifyDescriptors();
        service = InotifyServiceTest.newService(new InotifyBackend());
        collector = new EventCollector(service);
        service.register(Files.createTempDirectory("nativewatch-probe"), Path.of("probe"), kinds(ENTRY_CREATE))
                .cancel(); // opens the engine's descriptor, so that it can be found
        Set<String> ours = inotifyDescriptors();
        ours.removeAll(before);
        assertEquals(1, ours.size(), ours.toString());
        fd = ours.iterator().next();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private void tree() throws IOException {
        Files.createDirectories(dir.resolve("a/node_modules/x/y"));
        Files.createDirectories(dir.resolve("a/src"));
        Files.createDirectories(dir.resolve("node_modules/z"));
    }

    private void register(java.nio.file.WatchEvent.Modifier... modifiers) throws IOException {
        service.register(dir, dir, kinds(ENTRY_CREATE, ENTRY_DELETE), modifiers);
    }

    private static java.nio.file.WatchEvent.Modifier[] subtree(java.nio.file.WatchEvent.Modifier... more) {
        java.nio.file.WatchEvent.Modifier[] all = new java.nio.file.WatchEvent.Modifier[more.length + 1];
        all[0] = ExtendedModifiers.SUBTREE;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    /** Creates a file at the top and waits for it: every event caused before it has been delivered by then. */
    private void sentinel(String name) throws Exception {
        Files.createFile(dir.resolve(name));
        collector.until("ENTRY_CREATE " + name);
    }

    @Test
    void anExcludedSubtreeTakesNoKernelWatch() throws Exception {
        service.register(dir, dir, kinds(ENTRY_CREATE), subtree()).cancel();
        assertEquals(0, kernelWatches(fd));
        service.register(dir, dir, kinds(ENTRY_CREATE), subtree(ExtendedModifiers.exclude(NODE_MODULES)));
        assertEquals(KEPT, kernelWatches(fd), "root, a, a/src");
        register(subtree()); // the same key, registered again without exclusions
        assertEquals(ALL, kernelWatches(fd), "every directory watched without exclusions");
    }

    @Test
    void anExcludedDirectoryIsNeverOpenedOrListed() throws Exception {
        List<Path> asked = new CopyOnWriteArrayList<>();
        PathMatcher recording = path -> {
            asked.add(path);
            return path.getFileName().toString().equals("node_modules");
        };
        register(subtree(ExtendedModifiers.exclude(recording)));
        assertEquals(KEPT, kernelWatches(fd));
        assertTrue(asked.contains(Path.of("a/node_modules")), asked.toString());
        assertTrue(asked.stream().noneMatch(p -> p.toString().contains("node_modules/")),
                "nothing under an excluded directory is even looked at: " + asked);
    }

    @Test
    void nothingUnderAnExcludedDirectoryOrMatchingIsReported() throws Exception {
        register(subtree(ExtendedModifiers.exclude("node_modules", "**/node_modules", "**.log")));
        Files.createFile(dir.resolve("node_modules/z/f"));
        Files.createFile(dir.resolve("a/node_modules/x/y/f"));
        Files.createDirectory(dir.resolve("a/node_modules/new"));
        Files.createFile(dir.resolve("a/src/build.log"));
        Files.createFile(dir.resolve("top.log"));
        Files.createFile(dir.resolve("a/src/kept"));
        Files.move(dir.resolve("a/src/kept"), dir.resolve("a/node_modules/moved-in"));
        sentinel("done");
        List<String> events = collector.events();
        assertTrue(events.contains("ENTRY_CREATE a/src/kept"), events.toString());
        assertTrue(events.contains("ENTRY_DELETE a/src/kept"), "moved into an excluded directory: " + events);
        assertTrue(events.stream().noneMatch(e -> e.contains("node_modules") || e.contains(".log")),
                events.toString());
    }

    @Test
    void directoriesCreatedLaterUnderAnExcludedNameStayUnwatched() throws Exception {
        register(subtree(ExtendedModifiers.exclude(NODE_MODULES)));
        assertEquals(KEPT, kernelWatches(fd));
        Files.createDirectories(dir.resolve("b/node_modules/deep/er"));
        Files.createDirectories(dir.resolve("a/src/node_modules/deep"));
        Files.createDirectory(dir.resolve("a/src/lib"));
        collector.until("ENTRY_CREATE a/src/lib");
        sentinel("done");
        assertEquals(KEPT + 2, kernelWatches(fd), "b and a/src/lib only");
        Files.createFile(dir.resolve("b/node_modules/deep/f"));
        Files.createFile(dir.resolve("a/src/lib/f"));
        collector.until("ENTRY_CREATE a/src/lib/f");
        sentinel("done2");
        assertTrue(collector.events().contains("ENTRY_CREATE b"), collector.events().toString());
        assertTrue(collector.events().stream().noneMatch(e -> e.contains("node_modules")),
                collector.events().toString());
    }

    @Test
    void aWatchedDirectoryRenamedToAnExcludedNameGivesUpItsWatches() throws Exception {
        register(subtree(ExtendedModifiers.exclude(NODE_MODULES)));
        Files.createDirectories(dir.resolve("a/src/lib/deep"));
        collector.until("ENTRY_CREATE a/src/lib/deep");
        sentinel("done");
        assertEquals(KEPT + 2, kernelWatches(fd), "a/src/lib and a/src/lib/deep watched");
        Files.move(dir.resolve("a/src/lib"), dir.resolve("a/src/node_modules"));
        collector.until("ENTRY_DELETE a/src/lib");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(
                EventCollector.DEADLINE_SECONDS);
        for (int i = 0; kernelWatches(fd) != KEPT; i++) {
            assertTrue(System.nanoTime() < deadline, "still " + kernelWatches(fd) + " watches");
            sentinel("wait-" + i); // each round trip lets the engine catch up once the queue is read
        }
        Files.createFile(dir.resolve("a/src/node_modules/deep/f"));
        sentinel("done2");
        assertTrue(collector.events().stream().noneMatch(e -> e.contains("node_modules")),
                collector.events().toString());
    }

    @Test
    void registeringAgainAppliesTheLaterExclusions() throws Exception {
        register(subtree(ExtendedModifiers.exclude(NODE_MODULES)));
        assertEquals(KEPT, kernelWatches(fd));
        register(subtree());
        assertEquals(ALL, kernelWatches(fd), "no exclusion any more: node_modules watched");
        Files.createFile(dir.resolve("a/node_modules/x/y/now-seen"));
        collector.until("ENTRY_CREATE a/node_modules/x/y/now-seen");
        register(subtree(ExtendedModifiers.exclude("a")));
        assertEquals(3, kernelWatches(fd), "root, node_modules, node_modules/z");
        Files.createFile(dir.resolve("a/src/unseen"));
        Files.createFile(dir.resolve("node_modules/z/seen"));
        collector.until("ENTRY_CREATE node_modules/z/seen");
        sentinel("done");
        assertTrue(collector.events().stream().noneMatch(e -> e.contains("unseen")), collector.events().toString());
    }
}
