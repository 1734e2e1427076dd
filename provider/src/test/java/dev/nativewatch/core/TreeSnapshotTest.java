package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.WatchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Snapshots compared by merging sorted children: what a scan keeps, how two scans differ, how a view overlays. */
class TreeSnapshotTest {

    private static final WatchSpec TREE = spec(EnumSet.of(Change.CREATED, Change.DELETED), true, false);

    @TempDir
    Path dir;

    @Test
    void creationsComeShallowestFirstAndDeletionsDeepestFirst() throws Exception {
        Files.createDirectories(dir.resolve("a/b/c"));
        Files.createFile(dir.resolve("a/b/c/f"));
        TreeSnapshot before = TreeSnapshot.take(dir, TREE);
        delete(dir.resolve("a"));
        Files.createDirectories(dir.resolve("x/y"));
        Files.createFile(dir.resolve("x/y/g"));

        assertEquals(List.of("DELETED a/b/c/f", "DELETED a/b/c", "DELETED a/b", "DELETED a",
                "CREATED x", "CREATED x/y", "CREATED x/y/g"), diff(before, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void entriesAreMatchedByNameWhereverTheyFallInTheOrder() throws Exception {
        for (String name : List.of("a", "c", "e", "g")) {
            Files.createFile(dir.resolve(name));
        }
        TreeSnapshot before = TreeSnapshot.take(dir, TREE);
        Files.createFile(dir.resolve("0"));
        Files.createFile(dir.resolve("d"));
        Files.createFile(dir.resolve("z"));
        Files.delete(dir.resolve("e"));

        assertEquals(List.of("DELETED e", "CREATED 0", "CREATED d", "CREATED z"),
                diff(before, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void aLargeDirectoryReportsExactlyWhatChanged() throws Exception {
        for (int i = 0; i < 600; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
        TreeSnapshot before = TreeSnapshot.take(dir, TREE);
        assertEquals(600, before.size());
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 600; i += 7) {
            Files.delete(dir.resolve("f" + i));
            expected.add("DELETED f" + i);
        }
        for (int i = 0; i < 100; i++) {
            Files.createFile(dir.resolve("g" + i));
            expected.add("CREATED g" + i);
        }
        assertEquals(expected, new TreeSet<>(diff(before, TreeSnapshot.take(dir, TREE), TREE)));
        assertEquals(List.of(), diff(TreeSnapshot.take(dir, TREE), TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void modificationsAreReportedByTheirClasses() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "1");
        Files.createFile(dir.resolve("untouched"));
        WatchSpec spec = spec(EnumSet.of(Change.SIZE, Change.LAST_WRITE), false, false);
        TreeSnapshot before = TreeSnapshot.take(dir, spec);
        Files.writeString(file, "longer");
        Files.setLastModifiedTime(file, FileTime.fromMillis(900_000_000_000L));

        assertEquals(List.of("CHANGED [SIZE, LAST_WRITE] f"), diff(before, TreeSnapshot.take(dir, spec), spec));
    }

    @Test
    void anEntryReplacedByADirectoryIsDeletedAndCreated() throws Exception {
        Files.createFile(dir.resolve("f"));
        TreeSnapshot before = TreeSnapshot.take(dir, TREE);
        Files.delete(dir.resolve("f"));
        Files.createDirectory(dir.resolve("f"));

        assertEquals(List.of("DELETED f", "CREATED f"), diff(before, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void aRenamedDirectoryIsOneRenameNotOnePerEntry() throws Exception {
        Files.createDirectories(dir.resolve("d/inner"));
        Files.createFile(dir.resolve("d/inner/file"));
        WatchSpec spec = spec(EnumSet.of(Change.CREATED, Change.DELETED), true, true);
        TreeSnapshot before = TreeSnapshot.take(dir, spec);
        Files.move(dir.resolve("d"), dir.resolve("e"));

        assertEquals(List.of("RENAMED d -> e"), diff(before, TreeSnapshot.take(dir, spec), spec));
    }

    @Test
    void entriesAreFoundByPathWithTheKeyTheFileHasNow() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createFile(dir.resolve("a/b/f"));
        TreeSnapshot snapshot = TreeSnapshot.take(dir, TREE);

        assertTrue(snapshot.contains(Path.of("a/b/f")));
        assertTrue(snapshot.contains(Path.of("a")));
        assertFalse(snapshot.contains(Path.of("a/f")));
        assertFalse(snapshot.contains(Path.of("a/b/f/g")));
        assertNotNull(snapshot.fileKeyOf(Path.of("a/b/f")));
        assertEquals(FileKeys.of(dir.resolve("a/b/f")), snapshot.fileKeyOf(Path.of("a/b/f")));
        assertNotEquals(snapshot.fileKeyOf(Path.of("a/b")), snapshot.fileKeyOf(Path.of("a/b/f")));
        assertNull(snapshot.fileKeyOf(Path.of("missing")));
    }

    @Test
    void theViewHidesWhatTheConsumerWasToldIsGoneAndHoldsWhatItWasToldIsCreated() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createFile(dir.resolve("keep"));
        TreeSnapshot base = TreeSnapshot.take(dir, TREE);
        delete(dir.resolve("a"));
        Files.createDirectories(dir.resolve("n/m"));
        long now = System.currentTimeMillis();
        TreeSnapshot view = base.overlaid(Map.of(
                Path.of("a"), new ToldView.Told(ToldView.Fact.GONE, now, 1, 1),
                Path.of("n"), new ToldView.Told(ToldView.Fact.CREATED, now, 2, 0)));

        // Told of "a" gone and "n" created, not of "n/m": only that is news.
        assertEquals(List.of("CREATED n/m"), diff(view, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void factsUnderAPathTheViewDoesNotHoldAreStillCompared() throws Exception {
        TreeSnapshot base = TreeSnapshot.take(dir, TREE);
        Files.createDirectories(dir.resolve("x/y"));
        long now = System.currentTimeMillis();
        // The consumer heard of x/y created, but the event for x itself was lost.
        TreeSnapshot view = base.overlaid(Map.of(Path.of("x/y"), new ToldView.Told(ToldView.Fact.CREATED, now, 2, 0)));

        assertEquals(List.of("CREATED x"), diff(view, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void factsUnderAPathOlderThanItsDeletionAreVoid() throws Exception {
        TreeSnapshot base = TreeSnapshot.take(dir, TREE);
        Files.createDirectories(dir.resolve("p/x"));
        Files.createDirectories(dir.resolve("q/y"));
        long now = System.currentTimeMillis();
        // Told of p/x, then of p deleted and created again: p/x is news. Told of q deleted and created, then of
        // q/y: it is not.
        TreeSnapshot view = base.overlaid(Map.of(
                Path.of("p/x"), new ToldView.Told(ToldView.Fact.CREATED, now, 1, 0),
                Path.of("p"), new ToldView.Told(ToldView.Fact.CREATED, now, 3, 2),
                Path.of("q"), new ToldView.Told(ToldView.Fact.CREATED, now, 5, 4),
                Path.of("q/y"), new ToldView.Told(ToldView.Fact.CREATED, now, 6, 0)));

        assertEquals(List.of("CREATED p/x"), diff(view, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void aCreationOfAPathTheConsumerHoldsHidesNothingUnderIt() throws Exception {
        Files.createDirectories(dir.resolve("r/z"));
        TreeSnapshot base = TreeSnapshot.take(dir, TREE);
        delete(dir.resolve("r/z"));
        long now = System.currentTimeMillis();
        // Told of r created (another directory renamed over it) but never of r/z gone: the consumer still holds it.
        TreeSnapshot view = base.overlaid(Map.of(Path.of("r"), new ToldView.Told(ToldView.Fact.CREATED, now, 1, 0)));

        assertEquals(List.of("DELETED r/z"), diff(view, TreeSnapshot.take(dir, TREE), TREE));
    }

    @Test
    void anEntryToldModifiedIsReportedOnlyIfWrittenSince() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "1");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        WatchSpec spec = spec(EnumSet.of(Change.CREATED, Change.DELETED, Change.LAST_WRITE, Change.SIZE), false,
                false);
        TreeSnapshot base = TreeSnapshot.take(dir, spec);
        Files.writeString(file, "changed");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_100_000_000_000L));
        TreeSnapshot now = TreeSnapshot.take(dir, spec);

        Map<Path, ToldView.Told> toldAfter = Map.of(Path.of("f"),
                new ToldView.Told(ToldView.Fact.MODIFIED, 1_200_000_000_000L, 1, 0));
        assertEquals(List.of(), diff(base.overlaid(toldAfter), now, spec));
        Map<Path, ToldView.Told> toldBefore = Map.of(Path.of("f"),
                new ToldView.Told(ToldView.Fact.MODIFIED, 1_050_000_000_000L, 1, 0));
        assertEquals(List.of("CHANGED [LAST_WRITE] f"), diff(base.overlaid(toldBefore), now, spec));
    }

    @Test
    void namesThatAreNotValidInThePlatformEncodingKeepTheirOwnPaths() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a shell to make names no Java string can");
        Process make = new ProcessBuilder("/bin/sh", "-c", "touch \"$(printf 'x\\377')\" \"$(printf 'x\\376')\"")
                .directory(dir.toFile()).inheritIO().start();
        assertEquals(0, make.waitFor());
        List<Path> made;
        try (Stream<Path> listing = Files.list(dir)) {
            made = listing.toList();
        }
        assumeTrue(made.size() == 2 && made.get(0).toString().equals(made.get(1).toString()),
                "the platform encoding here tells the two names apart");
        TreeSnapshot before = TreeSnapshot.take(dir, TREE);
        assertEquals(2, before.size());
        Files.delete(made.get(0));

        List<String> reported = new ArrayList<>();
        before.reportChanges(TreeSnapshot.take(dir, TREE), TREE, new Recording(reported, dir));
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).startsWith("DELETED "));
        assertTrue(Files.exists(made.get(1)), "the other name is still there and not reported");
    }

    // ---- helpers

    static WatchSpec spec(Set<Change> changes, boolean subtree, boolean renames) {
        return new WatchSpec(changes, subtree, renames, OptionalInt.empty(), Optional.empty());
    }

    static List<String> diff(TreeSnapshot before, TreeSnapshot after, WatchSpec spec) {
        List<String> reported = new ArrayList<>();
        before.reportChanges(after, spec, new Recording(reported, null));
        return reported;
    }

    private static void delete(Path top) throws IOException {
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Records what a diff reports; with a directory, checks that each deleted path is really gone from it. */
    private record Recording(List<String> reported, Path dir) implements ChangeSink {
        @Override
        public void changed(Change change, Path relative) {
            if (dir != null && change == Change.DELETED) {
                assertFalse(Files.exists(dir.resolve(relative)), relative + " was reported deleted but is there");
            }
            reported.add(change + " " + relative.toString().replace('\\', '/'));
        }

        @Override
        public void changed(Set<Change> changes, Path relative) {
            reported.add("CHANGED " + changes + " " + relative.toString().replace('\\', '/'));
        }

        @Override
        public void renamed(Path from, Path to) {
            reported.add("RENAMED " + from + " -> " + to);
        }

        @Override
        public void overflowed() {
            reported.add("OVERFLOW");
        }

        @Override
        public void invalidated(String reason) {
            reported.add("INVALID");
        }
    }
}
