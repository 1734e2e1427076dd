package dev.nativewatch.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Symbolic links for tests, which Windows lets only some accounts create. */
public final class Links {

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private Links() {
    }

    /**
     * Creates a symbolic link, or skips the calling test, saying why, on a Windows machine that refuses it
     * (without Developer Mode, only an elevated administrator may create one). Elsewhere a failure is a failure.
     */
    public static Path createSymbolicLink(Path link, Path target) throws IOException {
        try {
            return Files.createSymbolicLink(link, target);
        } catch (FileSystemException e) {
            if (WINDOWS) {
                Assumptions.abort("this Windows account may not create symbolic links: " + e.getMessage());
            }
            throw e;
        }
    }
}
