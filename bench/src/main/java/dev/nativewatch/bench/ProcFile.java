package dev.nativewatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small /proc file in one read. {@code Files.readString} is not safe there: /proc files report size 0,
 * so it reads one byte first, and this kernel's sysctl files then return end-of-file, leaving "1" of "192536".
 */
public final class ProcFile {

    private static final int MAX_BYTES = 64 * 1024;

    private ProcFile() {
    }

    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII).trim();
        }
    }
}
