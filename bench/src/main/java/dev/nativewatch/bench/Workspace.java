package dev.nativewatch.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The directory the workloads write in: trees made once and shared by every peer, fresh directories per run.
 *
 * <p>By default it is made on tmpfs ({@code /dev/shm}) where there is one: there a single thread creates files
 * about as fast as the kernel can queue their events (100,000 in well under a second here), so a burst is a burst
 * and the watchers, not the disk, are what is measured. On this machine's ext4 the same 100,000 creations take
 * about 11 s, which any watcher keeps up with. inotify behaves the same on both.
 */
final class Workspace implements AutoCloseable {

    private static final Path TMPFS = Path.of("/dev/shm");

    /** Children per directory: 100,000 directories make a tree five levels deep, as in a large source tree. */
    private static final int FAN_OUT = 10;
    private static final int WARMUP_DIRECTORIES = 10;

    private final Path base;
    private final boolean owned;
    private final Map<Integer, Path> trees = new HashMap<>();
    private int fresh;

    Workspace(Path dir) throws IOException {
        owned = dir == null;
        base = owned ? Files.createTempDirectory(defaultParent(), "nativewatch-bench") : Files.createDirectories(dir);
    }

    private static Path defaultParent() {
        try {
            if (Files.isDirectory(TMPFS) && Files.isWritable(TMPFS) && Files.getFileStore(TMPFS).type().equals("tmpfs")) {
                return TMPFS;
            }
        } catch (IOException e) {
            // Fall back to the usual temporary directory.
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path base() {
        return base;
    }

    /** @return a tree of exactly {@code directories} directories under its root, made on first use */
    Path tree(int directories) throws IOException {
        Path root = trees.get(directories);
        if (root == null) {
            root = Files.createDirectory(base.resolve("tree-" + directories));
            makeTree(root, directories);
            trees.put(directories, root);
        }
        return root;
    }

    /** @return a small tree that children watch and release before measuring */
    Path warmupTree() throws IOException {
        return tree(WARMUP_DIRECTORIES);
    }

    /** @return a new, empty directory */
    Path emptyDirectory(String purpose) throws IOException {
        return Files.createDirectory(base.resolve(purpose + "-" + (++fresh)));
    }

    /** Breadth first, so that the tree is as shallow as the fan-out allows. */
    private static void makeTree(Path root, int directories) throws IOException {
        Deque<Path> parents = new ArrayDeque<>();
        parents.add(root);
        int made = 0;
        while (made < directories) {
            Path parent = parents.removeFirst();
            for (int i = 0; i < FAN_OUT && made < directories; i++, made++) {
                parents.addLast(Files.createDirectory(parent.resolve("d" + i)));
            }
        }
    }

    static void delete(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes what was made here, and the base itself if this workspace created it. */
    @Override
    public void close() throws IOException {
        for (Path tree : trees.values()) {
            delete(tree);
        }
        if (owned) {
            delete(base);
        }
    }
}
