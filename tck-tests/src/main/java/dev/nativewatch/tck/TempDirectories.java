package dev.nativewatch.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh directories on the default file system, under one root per JVM that is deleted when the JVM exits. The
 * root's parent is {@code -Dtck.work.dir} (the build sets it under {@code target/}) or the temporary directory.
 */
public final class TempDirectories {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Path root;

    private TempDirectories() {
    }

    /**
     * {@return a new, empty directory on the default file system}
     *
     * @throws IOException if it cannot be created
     */
    public static Path newDirectory() throws IOException {
        return Files.createDirectory(root().resolve("d" + COUNTER.incrementAndGet()));
    }

    private static Path root() throws IOException {
        Path current = root;
        if (current == null) {
            synchronized (TempDirectories.class) {
                current = root;
                if (current == null) {
                    String parent = System.getProperty("tck.work.dir");
                    if (parent != null) {
                        Files.createDirectories(Path.of(parent));
                        current = Files.createTempDirectory(Path.of(parent), "tck");
                    } else {
                        current = Files.createTempDirectory("nativewatch-tck");
                    }
                    Path created = current;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "tck-cleanup"));
                    root = current;
                }
            }
        }
        return current;
    }

    /** Deletes a tree, ignoring what cannot be deleted. */
    static void deleteQuietly(Path tree) {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort at exit.
        }
    }
}
