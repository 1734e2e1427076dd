package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.ListedEntry;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.backend.linux.InotifyBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The base a {@code RESCAN_ON_OVERFLOW} registration keeps may come from the listing the inotify backend makes
 * while it adds the watches instead of from a scan. It must be the scan exactly: a rescan compares the tree with it,
 * and any entry whose numbers were read differently (a device number encoded otherwise, a time rounded) would be
 * reported as changed. Random trees from seeds: the listing and a scan of the same tree report no difference from
 * each other, and each reports the same changes once the tree has changed.
 */
class ListedBaseTest {

    /**
     * Every change class but last access: listing a directory may update its access time, so two scans of the same
     * tree can differ there, whoever takes them.
     */
    private static final WatchSpec SPEC = new WatchSpec(EnumSet.of(Change.CREATED, Change.DELETED, Change.MODIFIED,
            Change.ATTRIBUTES, Change.SIZE, Change.LAST_WRITE, Change.CREATION_TIME, Change.SECURITY), true, true,
            OptionalInt.empty(), Optional.empty());
    private static final String[] NAMES = {"a", "b", "src", "café", "日本", "x y", ".hidden", "Z", "0"};

    @TempDir
    Path dir;

    private WatchEngine engine;
    private final List<DirectoryWatch> watches = new ArrayList<>();

    @BeforeEach
    void openEngine() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "the listing is the inotify backend's, which runs on Linux only");
        engine = new InotifyBackend().newEngine(FileSystems.getDefault());
    }

    @AfterEach
    void closeEngine() {
        watches.forEach(DirectoryWatch::cancel);
        if (engine != null) {
            engine.close();
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theListingIsTheScanOfTheTree(long seed) throws IOException {
        Random random = new Random(seed);
        Path root = Files.createDirectory(dir.resolve("root"));
        grow(root, random, 0);

        ListedBase listing = listWhileWatching(root);
        assertTrue(listing.prepare(), "seed " + seed + ": " + listing.unusable());
        TreeSnapshot listed = listing.layOut();
        TreeSnapshot scanned = TreeSnapshot.take(root, SPEC);

        assertEquals(scanned.size(), listed.size(), "seed " + seed);
        assertEquals(List.of(), diff(scanned, listed), "seed " + seed + ": the scan against the listing");
        assertEquals(List.of(), diff(listed, scanned), "seed " + seed + ": the listing against the scan");

        change(root, random);
        TreeSnapshot changed = TreeSnapshot.take(root, SPEC);
        List<String> fromScan = diff(scanned, changed);
        assertFalse(fromScan.isEmpty(), "seed " + seed + ": the tree was changed");
        assertEquals(fromScan, diff(listed, changed), "seed " + seed);
    }

    @Test
    void aTreeWithANameThatDoesNotDecodeExactlyIsLeftToAScan() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a shell to make names no Java string can");
        Path root = Files.createDirectory(dir.resolve("root"));
        Path sub = Files.createDirectory(root.resolve("sub"));
        Process make = new ProcessBuilder("/bin/sh", "-c", "touch \"$(printf 'x\\377')\"")
                .directory(sub.toFile()).inheritIO().start();
        assertEquals(0, make.waitFor());
        String decoded;
        try (Stream<Path> entries = Files.list(sub)) {
            decoded = entries.findFirst().orElseThrow().getFileName().toString();
        }
        assumeTrue(decoded.indexOf('\uFFFD') >= 0, "the platform encoding here decodes the byte 0xff exactly");

        ListedBase listing = listWhileWatching(root);

        assertFalse(listing.prepare());
        assertTrue(listing.unusable().contains("does not decode exactly"), listing.unusable());
    }

    @Test
    void aListingIsUsableOnlyOnceTheWalkHasFinished() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        ListedBase listing = new ListedBase(root, new AttributeReader(root.getFileSystem(), SPEC.changes()));
        assertNotNull(listing.unusable());
        watches.add(engine.watch(root, SPEC, new Ignoring(), listing));
        assertNotNull(listing.unusable());
        listing.finish();
        assertNull(listing.unusable());
        assertTrue(listing.prepare());
    }

    @Test
    void aDirectoryHandedOverButNeverListedMakesTheListingUnusable() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        ListedBase listing = new ListedBase(root, new AttributeReader(root.getFileSystem(), SPEC.changes()));
        listing.listing(ListedBase.ROOT);
        listing.entry("file", new ListedEntry(false, 1, 2, 0100644, 0, 0, 0, 0, 0, false, 0));
        listing.entry("sub", new ListedEntry(true, 1, 3, 040755, 0, 0, 0, 0, 0, false, 0));
        listing.finish();

        assertFalse(listing.prepare());
        assertTrue(listing.unusable().contains("was not listed"), listing.unusable());
    }

    private ListedBase listWhileWatching(Path root) throws IOException {
        AttributeReader reader = new AttributeReader(root.getFileSystem(), SPEC.changes());
        assertTrue(reader.readsOnlyListedStatus());
        assertTrue(engine.listsWhileWatching(SPEC));
        ListedBase listing = new ListedBase(root, reader);
        watches.add(engine.watch(root, SPEC, new Ignoring(), listing));
        listing.finish();
        return listing;
    }

    /** Directories, files of several sizes, modes and times, and symbolic links to each and to nothing. */
    private static void grow(Path directory, Random random, int depth) throws IOException {
        int entries = random.nextInt(depth == 0 ? 12 : 7);
        for (int i = 0; i < entries; i++) {
            Path entry = directory.resolve(NAMES[random.nextInt(NAMES.length)] + i);
            switch (random.nextInt(depth < 3 ? 5 : 3)) {
                case 0 -> Files.createSymbolicLink(entry, random.nextBoolean() ? directory : entry.resolveSibling("nowhere"));
                case 1, 2 -> {
                    Files.write(entry, new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(5000)]);
                    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(
                            random.nextBoolean() ? "rw-r--r--" : "rwx------"));
                    if (random.nextBoolean()) {
                        Files.setLastModifiedTime(entry, FileTime.from(Instant.ofEpochSecond(
                                random.nextInt(2_000_000_000), random.nextInt(1_000_000_000))));
                    }
                }
                default -> grow(Files.createDirectory(entry), random, depth + 1);
            }
        }
    }

    /** A file written, one made, one deleted, a mode changed: whatever of these the tree allows. */
    private static void change(Path root, Random random) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).toList();
        }
        if (!files.isEmpty()) {
            Path written = files.get(random.nextInt(files.size()));
            Files.write(written, new byte[7], java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(written, FileTime.from(Instant.now().plusSeconds(60)));
            Path chmodded = files.get(random.nextInt(files.size()));
            Files.setPosixFilePermissions(chmodded, PosixFilePermissions.fromString("r--r-----"));
            Path deleted = files.get(random.nextInt(files.size()));
            Files.deleteIfExists(deleted);
        }
        Files.createFile(root.resolve("new" + random.nextInt(1000)));
    }

    private static List<String> diff(TreeSnapshot before, TreeSnapshot after) {
        return TreeSnapshotTest.diff(before, after, SPEC);
    }

    private static final class Ignoring implements ChangeSink {
        @Override
        public void changed(Change change, Path relative) {
        }

        @Override
        public void renamed(Path from, Path to) {
        }

        @Override
        public void overflowed() {
        }

        @Override
        public void invalidated(String reason) {
        }
    }
}
