package dev.nativewatch.tck;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A named sequence of changes to a watched directory, applied alike to the JDK's and to an implementation's
 * directory by {@link DifferentialContract}. A script prepares its entries before the directory is watched, then
 * applies its steps one at a time; each step is compared on its own. {@code outside} is a second directory on
 * the same file system, for moves into and out of the watched one.
 */
public final class MutationScript {

    /** One change, or the preparation. */
    @FunctionalInterface
    public interface Action {
        /**
         * Makes the change.
         *
         * @param dir     the watched directory
         * @param outside a directory on the same file system that is not watched
         * @throws IOException if the change cannot be made
         */
        void apply(Path dir, Path outside) throws IOException;
    }

    /**
     * A step and what it does, for messages.
     *
     * @param description what the step does, in words
     * @param action      the change
     */
    public record Step(String description, Action action) {
    }

    /** A modification time far in the past, so that any later change of it is visible on coarse clocks. */
    static final FileTime LONG_AGO = FileTime.fromMillis(978_307_200_000L);

    private final String name;
    private final Action preparation;
    private final List<Step> steps;
    private final boolean needsPosix;

    private MutationScript(String name, Action preparation, List<Step> steps, boolean needsPosix) {
        this.name = name;
        this.preparation = preparation;
        this.steps = steps;
        this.needsPosix = needsPosix;
    }

    /**
     * {@return a script with no preparation and no step yet}
     *
     * @param name the script's name, which the report shows
     */
    public static MutationScript named(String name) {
        return new MutationScript(name, (dir, outside) -> { }, List.of(), false);
    }

    /**
     * {@return this script, preparing with {@code preparation} before the watch starts}
     *
     * @param preparation what to create before the directory is watched
     */
    public MutationScript prepare(Action preparation) {
        return new MutationScript(name, preparation, steps, needsPosix);
    }

    /**
     * {@return this script with one more step}
     *
     * @param description what the step does, in words
     * @param action      the change
     */
    public MutationScript step(String description, Action action) {
        List<Step> more = new ArrayList<>(steps);
        more.add(new Step(description, action));
        return new MutationScript(name, preparation, List.copyOf(more), needsPosix);
    }

    /** {@return this script, applicable only where both file systems have POSIX permissions} */
    public MutationScript needsPosix() {
        return new MutationScript(name, preparation, steps, true);
    }

    /** {@return the script's name} */
    public String name() {
        return name;
    }

    /** {@return what is created before the directory is watched} */
    public Action preparation() {
        return preparation;
    }

    /** {@return the steps, in the order they are applied} */
    public List<Step> steps() {
        return steps;
    }

    /** {@return whether the script applies only where both file systems have POSIX permissions} */
    public boolean posixNeeded() {
        return needsPosix;
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- the library

    /** {@return the library: files and directories created, modified, deleted, renamed, moved in and out} */
    public static List<MutationScript> library() {
        return List.of(
                named("create-file")
                        .step("create f", (d, o) -> Files.createFile(d.resolve("f"))),
                named("write-new-file")
                        .step("write a new f", (d, o) -> Files.writeString(d.resolve("f"), "content")),
                named("append")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("append to f", (d, o) -> append(d.resolve("f"))),
                named("overwrite")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("truncate and write f", (d, o) -> Files.writeString(d.resolve("f"), "other")),
                named("modify-twice")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("append to f twice", (d, o) -> {
                            append(d.resolve("f"));
                            append(d.resolve("f"));
                        }),
                named("delete-file")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("delete f", (d, o) -> Files.delete(d.resolve("f"))),
                named("create-modify-delete")
                        .step("create f", (d, o) -> Files.createFile(d.resolve("f")))
                        .step("append to f", (d, o) -> append(d.resolve("f")))
                        .step("delete f", (d, o) -> Files.delete(d.resolve("f"))),
                named("rename-file")
                        .prepare((d, o) -> old(d.resolve("a")))
                        .step("rename a to b", (d, o) -> Files.move(d.resolve("a"), d.resolve("b"),
                                StandardCopyOption.ATOMIC_MOVE)),
                named("replace-by-move")
                        .prepare((d, o) -> {
                            old(d.resolve("a"));
                            old(d.resolve("b"));
                        })
                        .step("move a over b", (d, o) -> Files.move(d.resolve("a"), d.resolve("b"),
                                StandardCopyOption.REPLACE_EXISTING)),
                named("create-directory")
                        .step("mkdir s", (d, o) -> Files.createDirectory(d.resolve("s"))),
                named("delete-directory")
                        .prepare((d, o) -> oldDirectory(d.resolve("s")))
                        .step("rmdir s", (d, o) -> Files.delete(d.resolve("s"))),
                named("rename-directory")
                        .prepare((d, o) -> {
                            Files.createDirectory(d.resolve("s"));
                            old(d.resolve("s/inner"));
                            oldDirectory(d.resolve("s"));
                        })
                        .step("rename s to t", (d, o) -> Files.move(d.resolve("s"), d.resolve("t"),
                                StandardCopyOption.ATOMIC_MOVE)),
                named("replace-file-by-directory")
                        .prepare((d, o) -> old(d.resolve("x")))
                        .step("delete file x, mkdir x", (d, o) -> {
                            Files.delete(d.resolve("x"));
                            Files.createDirectory(d.resolve("x"));
                        }),
                named("nested-tree")
                        .step("mkdir -p x/y/z and write x/y/z/f", (d, o) -> {
                            Files.createDirectories(d.resolve("x/y/z"));
                            Files.writeString(d.resolve("x/y/z/f"), "deep");
                        }),
                named("inside-subdirectory")
                        .prepare((d, o) -> oldDirectory(d.resolve("sub")))
                        .step("create sub/f", (d, o) -> Files.createFile(d.resolve("sub/f")))
                        .step("append to sub/f", (d, o) -> append(d.resolve("sub/f")))
                        .step("delete sub/f", (d, o) -> Files.delete(d.resolve("sub/f"))),
                named("burst")
                        .step("create 100 files", (d, o) -> {
                            for (int i = 0; i < 100; i++) {
                                Files.createFile(d.resolve("b" + i));
                            }
                        })
                        .step("append to each", (d, o) -> {
                            for (int i = 0; i < 100; i++) {
                                append(d.resolve("b" + i));
                            }
                        })
                        .step("delete each", (d, o) -> {
                            for (int i = 0; i < 100; i++) {
                                Files.delete(d.resolve("b" + i));
                            }
                        }),
                named("chmod")
                        .needsPosix()
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("chmod 700 f", (d, o) -> Files.setPosixFilePermissions(d.resolve("f"),
                                PosixFilePermissions.fromString("rwx------"))),
                named("touch")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("set f's modification time", (d, o) -> Files.setLastModifiedTime(d.resolve("f"),
                                FileTime.fromMillis(1_000_000_000_000L))),
                named("touch-a")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("set f's access time", (d, o) -> Files.setAttribute(d.resolve("f"),
                                "lastAccessTime", FileTime.fromMillis(1_000_000_000_000L))),
                named("move-file-in")
                        .prepare((d, o) -> old(o.resolve("f")))
                        .step("move f in", (d, o) -> Files.move(o.resolve("f"), d.resolve("f"),
                                StandardCopyOption.ATOMIC_MOVE)),
                named("move-file-out")
                        .prepare((d, o) -> old(d.resolve("f")))
                        .step("move f out", (d, o) -> Files.move(d.resolve("f"), o.resolve("f"),
                                StandardCopyOption.ATOMIC_MOVE)),
                named("move-tree-in")
                        .prepare((d, o) -> {
                            oldDirectory(o.resolve("t/u"));
                            old(o.resolve("t/u/f"));
                        })
                        .step("move t in", (d, o) -> Files.move(o.resolve("t"), d.resolve("t"),
                                StandardCopyOption.ATOMIC_MOVE))
                        .step("create t/u/g", (d, o) -> Files.createFile(d.resolve("t/u/g"))),
                named("move-tree-out")
                        .prepare((d, o) -> {
                            oldDirectory(d.resolve("t/u"));
                            old(d.resolve("t/u/f"));
                        })
                        .step("move t out", (d, o) -> Files.move(d.resolve("t"), o.resolve("t"),
                                StandardCopyOption.ATOMIC_MOVE))
                        .step("create t/u/g outside", (d, o) -> Files.createFile(o.resolve("t/u/g"))),
                named("symlink")
                        .prepare((d, o) -> old(d.resolve("target")))
                        .step("ln -s target l", (d, o) -> symbolicLink(d.resolve("l"),
                                d.getFileSystem().getPath("target")))
                        .step("delete l", (d, o) -> Files.delete(d.resolve("l"))),
                named("hard-link")
                        .prepare((d, o) -> old(d.resolve("target")))
                        .step("ln target h", (d, o) -> Files.createLink(d.resolve("h"), d.resolve("target")))
                        .step("delete h", (d, o) -> Files.delete(d.resolve("h"))));
    }

    /** Windows lets only some accounts create symbolic links: there a refusal makes the script unsupported. */
    private static void symbolicLink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (FileSystemException refused) {
            if (Platform.host() == Platform.WINDOWS) {
                throw new UnsupportedOperationException("this Windows account may not create symbolic links: "
                        + refused.getMessage(), refused);
            }
            throw refused;
        }
    }

    private static void old(Path file) throws IOException {
        Files.writeString(file, "old");
        Files.setLastModifiedTime(file, LONG_AGO);
    }

    private static void oldDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setLastModifiedTime(directory, LONG_AGO);
    }

    private static void append(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            out.write("more".getBytes(StandardCharsets.UTF_8));
        }
    }
}
