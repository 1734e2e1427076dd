package dev.nativewatch.core;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * File keys as snapshots keep them: where the file system has the "unix" view, device and inode numbers, which a
 * snapshot holds as two longs instead of one key object per entry; elsewhere the object
 * {@code BasicFileAttributes.fileKey()} returns. Keys of both kinds compare by value.
 */
final class FileKeys {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** A file's identity on a file system with the "unix" view. */
    record Inode(long device, long inode) {
    }

    private FileKeys() {
    }

    /** @return whether keys on {@code fileSystem} are {@link Inode}s */
    static boolean inodes(FileSystem fileSystem) {
        return fileSystem.supportedFileAttributeViews().contains("unix");
    }

    /** @return the key of the entry at {@code path} now, as a snapshot would record it; null if it is gone */
    static Object of(Path path) {
        try {
            if (inodes(path.getFileSystem())) {
                Map<String, Object> numbers = Files.readAttributes(path, "unix:dev,ino", NOFOLLOW);
                return new Inode(number(numbers.get("dev")), number(numbers.get("ino")));
            }
            return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The "unix" view gives some numbers as Integer, some as Long, and other file systems may differ. */
    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
