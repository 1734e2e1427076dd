package dev.nativewatch.backend.tree;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the test believes a real tree holds: its directories and files, as byte paths relative to the root (in
 * the ISO-8859-1 form of {@link RawPaths}); the root itself is {@code ""} and is never in the sets.
 */
final class TreeModel {

    private final NavigableSet<String> directories = new TreeSet<>();
    private final NavigableSet<String> files = new TreeSet<>();

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    static boolean isWithin(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    List<String> directories() {
        return new ArrayList<>(directories);
    }

    /** @return every directory, the root ({@code ""}) first */
    List<String> directoriesAndRoot() {
        List<String> all = new ArrayList<>();
        all.add("");
        all.addAll(directories);
        return all;
    }

    List<String> entries() {
        List<String> all = new ArrayList<>(directories);
        all.addAll(files);
        return all;
    }

    boolean isDirectory(String path) {
        return path.isEmpty() || directories.contains(path);
    }

    boolean exists(String path) {
        return isDirectory(path) || files.contains(path);
    }

    boolean isEmptyDirectory(String path) {
        String prefix = child(path, "");
        return isDirectory(path) && !startsWith(directories, prefix) && !startsWith(files, prefix);
    }

    private static boolean startsWith(NavigableSet<String> set, String prefix) {
        String next = set.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    void addDirectory(String path) {
        directories.add(path);
    }

    void addFile(String path) {
        files.add(path);
    }

    /** Adds a subtree, given relative to its own top, under {@code at}. */
    void addTree(String at, TreeModel subtree) {
        directories.add(at);
        subtree.directories.forEach(d -> directories.add(child(at, d)));
        subtree.files.forEach(f -> files.add(child(at, f)));
    }

    /** Removes an entry and everything under it; @return what was under it, relative to it */
    TreeModel removeTree(String path) {
        TreeModel removed = new TreeModel();
        take(directories, path, removed.directories);
        take(files, path, removed.files);
        return removed;
    }

    private static void take(NavigableSet<String> from, String top, NavigableSet<String> into) {
        List<String> under = from.stream().filter(p -> isWithin(p, top)).toList();
        for (String p : under) {
            from.remove(p);
            if (!p.equals(top)) {
                into.add(p.substring(top.length() + 1));
            }
        }
    }

    /** rename(2) of {@code from} to the free name {@code to}. */
    void move(String from, String to) {
        boolean directory = directories.contains(from);
        TreeModel moved = removeTree(from);
        if (directory) {
            addTree(to, moved);
        } else {
            files.add(to);
        }
    }

    /** renameat2(RENAME_EXCHANGE) of two directories, neither inside the other. */
    void exchange(String a, String b) {
        TreeModel underA = removeTree(a);
        TreeModel underB = removeTree(b);
        addTree(a, underB);
        addTree(b, underA);
    }

    /** Reads the real tree at {@code root} (byte-exact names) into a model. */
    static TreeModel read(Path root) throws IOException {
        TreeModel real = new TreeModel();
        int prefix = RawPaths.bytes(root).length + 1;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(root)) {
                    real.directories.add(relative(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                real.files.add(relative(file) + (attributes.isRegularFile() ? "" : " (not a regular file)"));
                return FileVisitResult.CONTINUE;
            }

            private String relative(Path path) {
                byte[] bytes = RawPaths.bytes(path);
                return RawPaths.latin1(java.util.Arrays.copyOfRange(bytes, prefix, bytes.length));
            }
        });
        return real;
    }

    /** @return what differs between this model and {@code real}, or an empty string when they are the same */
    String differences(TreeModel real) {
        StringBuilder out = new StringBuilder();
        describe(out, "directories", directories, real.directories);
        describe(out, "files", files, real.files);
        return out.toString();
    }

    private static void describe(StringBuilder out, String what, NavigableSet<String> believed,
                                 NavigableSet<String> real) {
        TreeSet<String> missing = new TreeSet<>(believed);
        missing.removeAll(real);
        TreeSet<String> unexpected = new TreeSet<>(real);
        unexpected.removeAll(believed);
        if (!missing.isEmpty()) {
            out.append(what).append(" in the model but not on disk: ").append(printable(missing)).append('\n');
        }
        if (!unexpected.isEmpty()) {
            out.append(what).append(" on disk but not in the model: ").append(printable(unexpected)).append('\n');
        }
    }

    /** @return the paths, each {@link RawPaths#printable}, as a bracketed list for messages */
    static String printable(NavigableSet<String> paths) {
        return paths.stream().map(RawPaths::printable).collect(Collectors.joining(", ", "[", "]"));
    }
}
