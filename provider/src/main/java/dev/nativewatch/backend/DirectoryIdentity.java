package dev.nativewatch.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The portable way to tell that two paths name the same directory. */
public final class DirectoryIdentity {

    private DirectoryIdentity() {
    }

    /**
     * @return the directory's file key where the file system has one, else its real path
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws NotDirectoryException             if it is not a directory
     */
    public static Object of(Path dir) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(dir.toString());
        }
        Object fileKey = attributes.fileKey();
        return fileKey != null ? fileKey : dir.toRealPath();
    }
}
