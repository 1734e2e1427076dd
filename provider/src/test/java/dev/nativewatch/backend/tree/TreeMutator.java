package dev.nativewatch.backend.tree;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Changes a real tree at random, in every way the kernel can change a tree, and keeps a {@link TreeModel} of it
 * and a log of what it did. Entries moved out of the tree go to a sibling directory, {@code outside}, which is
 * also where subtrees are built before they are moved in.
 */
final class TreeMutator implements TreeChanges {

    /**
     * {@code -Dnativewatch.torture.names=plain} gives every entry a plain ASCII name, to tell failures of the
     * tree's shape from failures of names; the same seed makes the same changes either way.
     */
    static final boolean PLAIN_NAMES = "plain".equals(System.getProperty("nativewatch.torture.names"));

    private final Random random;
    private final String root;
    private final String outside;
    private final TreeModel model = new TreeModel();
    private final List<String> log = new ArrayList<>();
    private int counter;

    /** @param root and @param outside absolute directories, neither inside the other */
    TreeMutator(long seed, Path root, Path outside) {
        this.random = new Random(seed);
        this.root = RawPaths.latin1(RawPaths.bytes(root));
        this.outside = RawPaths.latin1(RawPaths.bytes(outside));
    }

    @Override
    public TreeModel model() {
        return model;
    }

    @Override
    public List<String> log() {
        return log;
    }

    @Override
    public void note(String line) {
        log.add(line);
    }

    @Override
    public byte[] absolute(String relative) {
        return RawPaths.bytes(relative.isEmpty() ? root : root + "/" + relative);
    }

    /** Makes {@code count} random changes, each logged before it is made. */
    @Override
    public void mutate(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            mutateOnce();
        }
    }

    private void mutateOnce() throws IOException {
        switch (random.nextInt(12)) {
            case 0, 1 -> makeDirectories();
            case 2 -> createFile();
            case 3, 4 -> renameWithin();
            case 5 -> moveIn();
            case 6 -> moveOut();
            case 7 -> renameOverEmptyFromInside();
            case 8 -> renameOverEmptyFromOutside();
            case 9 -> exchange();
            case 10 -> removeTree();
            default -> removeAndRecreate();
        }
    }

    /** {@code mkdir -p} of one to three new levels under some directory. */
    void makeDirectories() throws IOException {
        String path = pick(model.directoriesAndRoot());
        int levels = 1 + random.nextInt(3);
        StringBuilder made = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            path = TreeModel.child(path, newName());
            made.append(' ').append(RawPaths.printable(path));
            RawFiles.mkdir(absolute(path));
            model.addDirectory(path);
        }
        log.add("mkdir" + made);
    }

    void createFile() throws IOException {
        String file = TreeModel.child(pick(model.directoriesAndRoot()), newName());
        log.add("create " + RawPaths.printable(file));
        RawFiles.createFile(absolute(file));
        model.addFile(file);
    }

    /** A file or a directory to a new name in any directory not inside it, across levels. */
    void renameWithin() throws IOException {
        List<String> entries = model.entries();
        if (entries.isEmpty()) {
            makeDirectories();
            return;
        }
        String from = pick(entries);
        List<String> targets = model.directoriesAndRoot().stream().filter(d -> !TreeModel.isWithin(d, from)).toList();
        String to = TreeModel.child(pick(targets), newName());
        log.add("mv " + RawPaths.printable(from) + " " + RawPaths.printable(to));
        RawFiles.rename(absolute(from), absolute(to));
        model.move(from, to);
    }

    /** A subtree built outside, then moved to a new name in the tree. */
    void moveIn() throws IOException {
        String to = TreeModel.child(pick(model.directoriesAndRoot()), newName());
        Staged staged = stageOutside();
        log.add("mv " + staged + " " + RawPaths.printable(to));
        RawFiles.rename(staged.path, absolute(to));
        model.addTree(to, staged.tree);
    }

    void moveOut() throws IOException {
        List<String> directories = model.directories();
        if (directories.isEmpty()) {
            moveIn();
            return;
        }
        String from = pick(directories);
        String to = outside + "/out-" + (++counter);
        log.add("mv " + RawPaths.printable(from) + " " + RawPaths.printable(to));
        RawFiles.rename(absolute(from), RawPaths.bytes(to));
        model.removeTree(from);
    }

    /** rename(2) of a directory over an existing empty one, both in the tree. */
    void renameOverEmptyFromInside() throws IOException {
        List<String> empty = emptyDirectories();
        if (empty.isEmpty()) {
            makeDirectories();
            return;
        }
        String target = pick(empty);
        List<String> sources = model.directories().stream()
                .filter(d -> !d.equals(target) && !TreeModel.isWithin(target, d)).toList();
        if (sources.isEmpty()) {
            makeDirectories();
            return;
        }
        String source = pick(sources);
        log.add("rename " + RawPaths.printable(source) + " over empty " + RawPaths.printable(target));
        RawFiles.rename(absolute(source), absolute(target));
        model.removeTree(target);
        model.move(source, target);
    }

    /** rename(2) of a directory built outside over an existing empty one in the tree. */
    void renameOverEmptyFromOutside() throws IOException {
        List<String> empty = emptyDirectories();
        if (empty.isEmpty()) {
            moveIn();
            return;
        }
        String target = pick(empty);
        Staged staged = stageOutside();
        log.add("rename " + staged + " over empty " + RawPaths.printable(target));
        RawFiles.rename(staged.path, absolute(target));
        model.removeTree(target);
        model.addTree(target, staged.tree);
    }

    /** renameat2(RENAME_EXCHANGE) of two directories, neither inside the other. */
    void exchange() throws IOException {
        List<String> directories = model.directories();
        if (directories.size() < 2) {
            makeDirectories();
            return;
        }
        String a = pick(directories);
        List<String> others = directories.stream()
                .filter(d -> !TreeModel.isWithin(d, a) && !TreeModel.isWithin(a, d)).toList();
        if (others.isEmpty()) {
            makeDirectories();
            return;
        }
        String b = pick(others);
        log.add("exchange " + RawPaths.printable(a) + " " + RawPaths.printable(b));
        RawFiles.exchange(absolute(a), absolute(b));
        model.exchange(a, b);
    }

    void removeTree() throws IOException {
        List<String> directories = model.directories();
        if (directories.isEmpty()) {
            makeDirectories();
            return;
        }
        String top = pick(directories);
        log.add("rm -rf " + RawPaths.printable(top));
        deleteTree(RawPaths.path(absolute(top)));
        model.removeTree(top);
    }

    /** {@code rm -rf D; mkdir D}: the same name, a new directory. */
    void removeAndRecreate() throws IOException {
        List<String> directories = model.directories();
        if (directories.isEmpty()) {
            makeDirectories();
            return;
        }
        String top = pick(directories);
        log.add("rm -rf " + RawPaths.printable(top) + "; mkdir " + RawPaths.printable(top));
        deleteTree(RawPaths.path(absolute(top)));
        model.removeTree(top);
        RawFiles.mkdir(absolute(top));
        model.addDirectory(top);
    }

    private List<String> emptyDirectories() {
        return model.directories().stream().filter(model::isEmptyDirectory).toList();
    }

    /** A subtree made outside the tree, ready to be moved in. */
    private record Staged(byte[] path, TreeModel tree) {
        @Override
        public String toString() {
            return RawPaths.printable(path);
        }
    }

    private Staged stageOutside() throws IOException {
        String top = outside + "/stage-" + (++counter);
        TreeModel tree = new TreeModel();
        RawFiles.mkdir(RawPaths.bytes(top));
        List<String> directories = new ArrayList<>(List.of(""));
        int entries = random.nextInt(5);
        for (int i = 0; i < entries; i++) {
            String entry = TreeModel.child(pick(directories), newName());
            if (random.nextInt(3) == 0) {
                RawFiles.createFile(RawPaths.bytes(top + "/" + entry));
                tree.addFile(entry);
            } else {
                RawFiles.mkdir(RawPaths.bytes(top + "/" + entry));
                tree.addDirectory(entry);
                directories.add(entry);
            }
        }
        return new Staged(RawPaths.bytes(top), tree);
    }

    /**
     * @return a new name: mostly plain, sometimes with a space, a newline, UTF-8 beyond ASCII, or bytes that
     * are no UTF-8 at all
     */
    private String newName() {
        int n = ++counter;
        int style = random.nextInt(10);
        return PLAIN_NAMES ? "d" + n : switch (style) {
            case 0 -> "with space " + n;
            case 1 -> "new\nline" + n;
            case 2 -> "caf\u00c3\u00a9-" + n; // "café" in UTF-8, one character per byte
            case 3 -> "bad\u00ff" + n;
            case 4 -> "\u00fe\u00fd" + n;
            default -> "d" + n;
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** {@code rm -rf}, byte-exact: the JDK's paths from a directory listing keep the names' bytes. */
    static void deleteTree(Path top) throws IOException {
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
}
