package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.nativewatch.backend.linux.EngineHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Subtree registrations against the real kernel: the tree of watches follows the tree of directories. */
class InotifySubtreeTest {

    static final WatchSpec TREE = spec(EnumSet.of(Change.CREATED, Change.DELETED), true, false);
    static final WatchSpec TREE_WITH_RENAMES = spec(EnumSet.of(Change.CREATED, Change.DELETED), true, true);

    @TempDir
    Path temp;
    Path root;
    Path scratch;
    Path outside;
    EngineHarness harness;

    @BeforeEach
    void start() throws IOException {
        EngineHarness.assumeInotify(); // before any setup: some tests read /proc or make links first
        root = Files.createDirectory(temp.resolve("root"));
        scratch = Files.createDirectory(temp.resolve("scratch"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private EngineHarness harness() throws IOException {
        return harness(JnaInotifyApi.INSTANCE);
    }

    private EngineHarness harness(InotifyApi api) throws IOException {
        harness = new EngineHarness(api);
        harness.sync(scratch); // the sentinel's watch exists from here on
        return harness;
    }

    @Test
    void entriesAnywhereInTheTreeAreReportedRelativeToTheRoot() throws IOException {
        Path deep = Files.createDirectories(root.resolve("a/b/c"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        assertEquals(5, harness.engine.kernelWatchCount(), "sentinel, root, a, a/b, a/b/c");
        Files.createFile(deep.resolve("f"));
        harness.until(sink, "CREATED a/b/c/f");
        Files.delete(deep.resolve("f"));
        harness.until(sink, "DELETED a/b/c/f");
        assertEquals(List.of("CREATED a/b/c/f", "DELETED a/b/c/f"), sink.events);
    }

    @Test
    void withoutEntryTypesInListingsOnlyDirectoriesAreWatched() throws IOException {
        Path deep = Files.createDirectories(root.resolve("a/b/c"));
        Files.createFile(root.resolve("file"));
        Files.createFile(deep.resolve("file"));
        Files.createSymbolicLink(root.resolve("link-to-a"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("link-to-outside"), outside);
        TestApi api = new TestApi();
        api.hideEntryTypes();
        EngineHarness harness = harness(api);
        RecordingSink sink = harness.watch(root, TREE);
        assertEquals(5, harness.engine.kernelWatchCount(), "sentinel, root, a, a/b, a/b/c; no file, no link");
        Files.createDirectory(deep.resolve("d"));
        Files.createFile(deep.resolve("d/f"));
        harness.until(sink, "CREATED a/b/c/d/f");
        Files.createFile(outside.resolve("not-in-the-tree"));
        Files.createFile(root.resolve("last"));
        harness.until(sink, "CREATED last");
        assertEquals(List.of("CREATED a/b/c/d", "CREATED a/b/c/d/f", "CREATED last"), sink.events);
    }

    /** The new-subdirectory race: files created in a directory before its watch exists must not be missed. */
    @Test
    void mkdirMinusPFollowedAtOnceByFilesMissesNothing() throws Exception {
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        int rounds = 200;
        int files = 10;
        Set<String> expected = new HashSet<>();
        for (int r = 0; r < rounds; r++) {
            String top = "r" + r;
            expected.addAll(List.of(top, top + "/a", top + "/a/b", top + "/a/b/c"));
            for (int f = 0; f < files; f++) {
                expected.add(top + "/a/b/c/f" + f);
            }
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int r = 0; r < rounds; r++) {
                    Path c = Files.createDirectories(root.resolve("r" + r + "/a/b/c"));
                    for (int f = 0; f < files; f++) {
                        Files.createFile(c.resolve("f" + f));
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "mkdir-p-producer");
        producer.start();
        Set<String> created = new HashSet<>();
        int[] read = {0};
        harness.until(() -> {
            for (; read[0] < sink.events.size(); read[0]++) {
                String event = sink.events.get(read[0]);
                if (event.startsWith("CREATED ")) {
                    created.add(event.substring("CREATED ".length()));
                }
            }
            return created.containsAll(expected) || failure.get() != null;
        }, () -> missing(expected, created));
        producer.join();
        assertNull(failure.get());
        assertEquals(0, sink.overflows, "an overflow would hide misses");
        assertEquals(expected, created);
        Map<String, Integer> counts = new HashMap<>();
        sink.events.forEach(e -> counts.merge(e, 1, Integer::sum));
        List<String> duplicates = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        // A scan and the entry's own event can both see an entry created in the instant after its directory was
        // watched; the engine drops such duplicates, so at most a stray few may remain.
        assertTrue(duplicates.size() <= expected.size() / 100, "duplicates: " + duplicates);
    }

    private static String missing(Set<String> expected, Set<String> created) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(created);
        return missing.size() + " missing, such as " + missing.stream().sorted().limit(20).toList();
    }

    @Test
    void aDirectoryMovedInIsWatchedAndWhatItHoldsIsReportedAsCreated() throws IOException {
        Path z = Files.createDirectories(outside.resolve("x/y/z"));
        Files.createFile(z.resolve("f1"));
        Files.createFile(outside.resolve("x/f2"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE_WITH_RENAMES);
        Files.move(outside.resolve("x"), root.resolve("in"));
        harness.sync(scratch);
        assertEquals(Set.of("CREATED in", "CREATED in/y", "CREATED in/y/z", "CREATED in/y/z/f1", "CREATED in/f2"),
                new HashSet<>(sink.events));
        assertEquals("CREATED in", sink.events.get(0));
        Files.createFile(root.resolve("in/y/z/new"));
        harness.until(sink, "CREATED in/y/z/new");
    }

    @Test
    void aDirectoryMovedOutIsNoLongerWatched() throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        EngineHarness harness = harness();
        int before = harness.engine.kernelWatchCount();
        RecordingSink sink = harness.watch(root, TREE_WITH_RENAMES);
        Files.move(root.resolve("a/b"), outside.resolve("b"));
        harness.until(sink, "DELETED a/b");
        assertEquals(before + 2, harness.engine.kernelWatchCount(), "root and a are left");
        Files.createFile(outside.resolve("b/c/gone"));
        harness.sync(scratch);
        assertEquals(List.of("DELETED a/b"), sink.events);
    }

    @Test
    void aDirectoryRenamedInsideTheTreeKeepsItsWatchesUnderItsNewPath() throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("other"));
        EngineHarness harness = harness();
        int watches = harness.engine.kernelWatchCount();
        RecordingSink sink = harness.watch(root, TREE_WITH_RENAMES);
        Files.move(root.resolve("a/b"), root.resolve("other/bb"));
        Files.createFile(root.resolve("other/bb/c/f"));
        harness.until(sink, "CREATED other/bb/c/f");
        assertEquals(List.of("RENAMED a/b -> other/bb", "CREATED other/bb/c/f"), sink.events);
        assertEquals(watches + 5, harness.engine.kernelWatchCount(), "no watch was added or lost by the rename");
    }

    @Test
    void aDirectoryCreatedUnderARenamedDirectoryIsWatchedAtItsNewPath() throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE_WITH_RENAMES);
        Files.move(root.resolve("a"), root.resolve("z"));
        harness.until(sink, "RENAMED a -> z");
        Files.createDirectories(root.resolve("z/b/c/new"));
        Files.createFile(root.resolve("z/b/c/new/f"));
        harness.until(sink, "CREATED z/b/c/new/f");
        assertEquals(List.of("RENAMED a -> z", "CREATED z/b/c/new", "CREATED z/b/c/new/f"), sink.events);
    }

    @Test
    void aRootMovedAwayKeepsReportingUntilANewSubdirectoryNeedsItsPathThenItsWatchEnds() throws IOException {
        Files.createDirectories(root.resolve("existing"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        Path moved = Files.move(root, temp.resolve("moved"));
        Files.createFile(moved.resolve("existing/f"));
        harness.until(sink, "CREATED existing/f");
        assertEquals(0, sink.invalidations, "every directory is still watched: nothing is lost yet");

        Files.createDirectory(moved.resolve("new"));
        harness.until(() -> sink.invalidations > 0, sink::toString);
        assertTrue(sink.invalidation.contains("moved"), sink.invalidation);
    }

    @Test
    void aDirectoryAtTheOldPathOfAMovedAncestorIsNeverReported() throws IOException {
        Path ancestor = Files.createDirectory(temp.resolve("ancestor"));
        Path watched = Files.createDirectories(ancestor.resolve("r/sub"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(watched.getParent(), TREE);
        Path movedAncestor = Files.move(ancestor, temp.resolve("ancestor2"));
        Files.createDirectories(ancestor.resolve("r/sub"));
        Files.createFile(ancestor.resolve("r/sub/impostor"));
        Files.createDirectory(movedAncestor.resolve("r/sub/new"));
        harness.until(() -> sink.invalidations > 0, sink::toString);
        harness.sync(scratch);
        assertFalse(sink.events.stream().anyMatch(e -> e.contains("impostor")), sink.toString());
        assertEquals(List.of("CREATED sub/new"), sink.events.stream().filter(e -> !e.startsWith("INVALID")).toList(),
                "the new directory is reported by its parent's watch, then the key ends, with no overflow");
    }

    @Test
    void aNameTakenOverFromOutsideWatchesTheNewDirectoryAndWhatItHolds() throws IOException {
        Files.createDirectories(root.resolve("x"));
        Files.createDirectories(outside.resolve("y/deeper"));
        Files.createFile(outside.resolve("y/inside-before"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        Files.move(outside.resolve("y"), root.resolve("x"), StandardCopyOption.REPLACE_EXISTING);
        harness.until(sink, "CREATED x/inside-before");
        Files.createFile(root.resolve("x/deeper/later"));
        harness.until(sink, "CREATED x/deeper/later");
        Files.createFile(root.resolve("x/later"));
        harness.until(sink, "CREATED x/later");
    }

    @Test
    void anExchangeOfTwoDirectoriesKeepsEachUnderItsTrueName() throws IOException {
        Files.createDirectories(root.resolve("a/only-in-a"));
        Files.createDirectories(root.resolve("b/only-in-b"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE_WITH_RENAMES);
        assertEquals(0, Exchange.directories(root.resolve("a"), root.resolve("b")), "renameat2 RENAME_EXCHANGE");
        harness.until(sink, "RENAMED b -> a");
        Files.createFile(root.resolve("a/only-in-b/f"));
        Files.createFile(root.resolve("b/only-in-a/g"));
        harness.until(sink, "CREATED a/only-in-b/f");
        harness.until(sink, "CREATED b/only-in-a/g");
        Files.move(root.resolve("a"), root.resolve("b/only-in-a/new"));
        Files.createFile(root.resolve("b/only-in-a/new/only-in-b/h"));
        harness.until(sink, "CREATED b/only-in-a/new/only-in-b/h");
        assertEquals(0, sink.overflows, sink.toString());
    }

    /**
     * inotify merges an event into the one before it when they differ only in their cookie: the exchange's last
     * {@code IN_MOVED_TO a} swallows that of the rename over {@code a} right after it.
     */
    @Test
    void aRenameOverADirectoryAnExchangeJustPutThereIsFollowedThoughItsEventMerges() throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        Files.createDirectories(outside.resolve("z/deeper"));
        TestApi api = new TestApi();
        EngineHarness harness = harness(api);
        RecordingSink sink = harness.watch(root, TREE_WITH_RENAMES);
        api.holdReads();
        try {
            assertEquals(0, Exchange.directories(root.resolve("a"), root.resolve("b")));
            assertEquals(0, Exchange.renameOver(outside.resolve("z"), root.resolve("a")));
        } finally {
            api.releaseReads();
        }
        harness.until(sink, "RENAMED b -> a");
        Files.createFile(root.resolve("a/deeper/later"));
        harness.until(sink, "CREATED a/deeper/later");
    }

    @Test
    void withoutPairingARenamedDirectoryIsDeleteAndCreateOfItselfOnly() throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        Files.move(root.resolve("a"), root.resolve("z"));
        Files.createFile(root.resolve("z/b/c/f"));
        harness.until(sink, "CREATED z/b/c/f");
        assertEquals(List.of("DELETED a", "CREATED z", "CREATED z/b/c/f"), sink.events);
    }

    @Test
    void deletingATreeReleasesItsWatches() throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("a/d"));
        EngineHarness harness = harness();
        int before = harness.engine.kernelWatchCount();
        RecordingSink sink = harness.watch(root, TREE);
        assertEquals(before + 5, harness.engine.kernelWatchCount());
        deleteTree(root.resolve("a"));
        harness.until(sink, "DELETED a");
        harness.sync(scratch);
        assertEquals(before + 1, harness.engine.kernelWatchCount(), "only the root is left");
        assertEquals(Set.of("DELETED a", "DELETED a/b", "DELETED a/b/c", "DELETED a/d"), new HashSet<>(sink.events));
    }

    @Test
    void symbolicLinksInTheTreeAreNotFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("link"), outside);
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        Files.createFile(outside.resolve("beyond"));
        Files.createSymbolicLink(root.resolve("later-link"), outside);
        harness.sync(scratch);
        assertEquals(List.of("CREATED later-link"), sink.events);
    }

    @Test
    void overlappingRegistrationsEachGetTheirOwnPathsAndSurviveEachOther() throws IOException {
        Path sub = Files.createDirectories(root.resolve("sub"));
        EngineHarness harness = harness();
        int before = harness.engine.kernelWatchCount();
        RecordingSink treeSink = new RecordingSink();
        DirectoryWatch tree = harness.watch(root, TREE, treeSink);
        RecordingSink plain = harness.watch(sub, spec(Change.CREATED));
        RecordingSink subTree = harness.watch(sub, TREE);
        assertEquals(before + 2, harness.engine.kernelWatchCount(), "sub's watch is shared three ways");

        Files.createDirectories(sub.resolve("n/m"));
        Files.createFile(sub.resolve("n/m/f"));
        harness.until(() -> treeSink.saw("CREATED sub/n/m/f") && subTree.saw("CREATED n/m/f"), treeSink::toString);
        harness.sync(scratch);
        assertEquals(List.of("CREATED n"), plain.events);

        tree.cancel();
        assertEquals(before + 3, harness.engine.kernelWatchCount(), "sub, n and m are still watched for subTree");
        Files.createFile(sub.resolve("n/m/g"));
        Files.createFile(sub.resolve("g"));
        harness.until(() -> subTree.saw("CREATED n/m/g") && plain.saw("CREATED g"), subTree::toString);
        assertFalse(treeSink.events.stream().anyMatch(e -> e.endsWith("g")), treeSink.toString());
    }

    @Test
    void aSubdirectoryThatCannotBeWatchedIsSkippedAndSaidToLoseEvents() throws IOException {
        Files.createDirectories(root.resolve("locked/inner"));
        Files.createDirectories(root.resolve("open"));
        TestApi api = new TestApi();
        EngineHarness harness = harness(api);
        api.failAddWatch(path -> path.endsWith("locked"), InotifyApi.EACCES);
        RecordingSink sink = harness.watch(root, TREE);
        Files.createFile(root.resolve("locked/hidden"));
        Files.createFile(root.resolve("open/seen"));
        harness.until(sink, "CREATED open/seen");
        harness.sync(scratch);
        assertEquals(List.of("OVERFLOW", "CREATED open/seen"), sink.events,
                "what happens in the unwatched directory is lost, and the key says so");
    }

    @Test
    void theWatchLimitDuringRegistrationFailsItAndLeavesNothingBehind() throws IOException {
        for (int i = 0; i < 10; i++) {
            Files.createDirectories(root.resolve("d" + i + "/e"));
        }
        TestApi api = new TestApi();
        EngineHarness harness = harness(api);
        RecordingSink plain = harness.watch(root, spec(Change.CREATED));
        Set<Integer> before = api.liveWatches();
        int kernelWatches = harness.engine.kernelWatchCount();

        api.failAddWatchAfter(6, InotifyApi.ENOSPC);
        IOException e = assertThrows(IOException.class, () -> harness.watch(root, TREE));
        assertTrue(e.getMessage().contains("fs.inotify.max_user_watches"), e.getMessage());
        assertEquals(before, api.liveWatches(), "every watch the failed registration added was removed");
        assertEquals(kernelWatches, harness.engine.kernelWatchCount());

        api.stopFailing();
        Files.createFile(root.resolve("still-watched"));
        harness.until(plain, "CREATED still-watched");
    }

    @Test
    void unmountingASubdirectoryIsAnOverflowAndTheDirectoryUnderneathIsWatched() throws Exception {
        Path mountPoint = Files.createDirectory(root.resolve("m"));
        Files.createFile(mountPoint.resolve("underneath"));
        InotifyEngineTest.assumeMount(mountPoint);
        try {
            Files.createDirectories(mountPoint.resolve("on-tmpfs"));
            EngineHarness harness = harness();
            RecordingSink sink = harness.watch(root, TREE);
            Files.createFile(mountPoint.resolve("on-tmpfs/file"));
            harness.until(sink, "CREATED m/on-tmpfs/file");
            sink.onOverflow = () -> createFile(mountPoint.resolve("made-as-the-overflow-is-heard"));
            assertEquals(0, InotifyEngineTest.run("umount", mountPoint.toString()));
            harness.until(() -> sink.overflows > 0, sink::toString);
            assertEquals(0, sink.invalidations);
            Files.createFile(mountPoint.resolve("after"));
            harness.until(sink, "CREATED m/after");
            harness.until(sink, "CREATED m/made-as-the-overflow-is-heard");
        } finally {
            InotifyEngineTest.run("umount", mountPoint.toString());
        }
    }

    @Test
    void theWatchLimitAfterRegistrationIsAnOverflow() throws IOException {
        TestApi api = new TestApi();
        EngineHarness harness = harness(api);
        RecordingSink sink = harness.watch(root, TREE);
        api.failAddWatch(path -> path.endsWith("new"), InotifyApi.ENOSPC);
        Files.createDirectory(root.resolve("new"));
        harness.until(() -> sink.overflows > 0, sink::toString);
        assertEquals(List.of("CREATED new", "OVERFLOW"), sink.events);
    }

    @Test
    void turningTheSubtreeOnAndOffWatchesAndDropsTheSubdirectories() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        EngineHarness harness = harness();
        int before = harness.engine.kernelWatchCount();
        RecordingSink sink = new RecordingSink();
        DirectoryWatch watch = harness.watch(root, spec(Change.CREATED), sink);
        assertEquals(before + 1, harness.engine.kernelWatchCount());

        watch.respecify(spec(EnumSet.of(Change.CREATED), true, false));
        assertEquals(before + 3, harness.engine.kernelWatchCount());
        Files.createFile(root.resolve("a/b/deep"));
        harness.until(sink, "CREATED a/b/deep");

        watch.respecify(spec(Change.CREATED));
        assertEquals(before + 1, harness.engine.kernelWatchCount());
        Files.createFile(root.resolve("a/b/deeper"));
        Files.createFile(root.resolve("top"));
        harness.until(sink, "CREATED top");
        assertEquals(List.of("CREATED a/b/deep", "CREATED top"), sink.events);
    }

    @Test
    void afterAnOverflowDirectoriesCreatedMeanwhileAreWatched() throws IOException {
        int queued = Integer.parseInt(InotifyEngineTest.sysctl("max_queued_events"));
        assumeTrue(queued <= 200_000, "fs.inotify.max_queued_events is too large to fill in a test: " + queued);
        Path flood = Files.createDirectory(root.resolve("flood"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        for (int i = 0; i < queued + 100; i++) {
            Files.createFile(flood.resolve("f" + i));
        }
        Files.createDirectories(root.resolve("late/deeper"));
        harness.until(() -> sink.overflows > 0, () -> sink.events.size() + " events");
        harness.sync(scratch);
        Files.createFile(root.resolve("late/deeper/found"));
        harness.until(sink, "CREATED late/deeper/found");
    }

    /**
     * A consumer that takes an OVERFLOW lists the tree again, and relies on being told of whatever changes after
     * that. So the OVERFLOW may only be heard once the directories made while events were lost are watched: a
     * file made in one of them as the OVERFLOW is heard must be reported.
     */
    @Test
    void anOverflowIsHeardOnlyOnceTheDirectoriesMadeMeanwhileAreWatched() throws IOException {
        int queued = Integer.parseInt(InotifyEngineTest.sysctl("max_queued_events"));
        assumeTrue(queued <= 200_000, "fs.inotify.max_queued_events is too large to fill in a test: " + queued);
        Path flood = Files.createDirectory(root.resolve("flood"));
        EngineHarness harness = harness();
        RecordingSink sink = harness.watch(root, TREE);
        for (int i = 0; i < queued + 100; i++) {
            Files.createFile(flood.resolve("f" + i));
        }
        Path late = Files.createDirectories(root.resolve("late/deeper"));
        sink.onOverflow = () -> createFile(late.resolve("made-as-the-overflow-is-heard"));
        harness.until(() -> sink.overflows > 0, () -> sink.events.size() + " events");
        harness.until(sink, "CREATED late/deeper/made-as-the-overflow-is-heard");
    }

    /** Makes {@code file} the first time; a later OVERFLOW finds it made. */
    private static void createFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path top) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(top)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            try {
                Files.delete(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
