package dev.nativewatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RESULTS.md: the generated figures above a marker line, and below it the analysis a person wrote from profiles,
 * which a new run keeps as it is.
 */
final class ResultsFile {

    static final String MARKER = "<!-- Analysis below: written by hand, kept when the benchmark rewrites this file. -->";

    private ResultsFile() {
    }

    static void write(Path file, String generated) throws IOException {
        String analysis = "";
        if (Files.exists(file)) {
            String previous = Files.readString(file, StandardCharsets.UTF_8);
            int at = previous.indexOf(MARKER);
            if (at >= 0) {
                analysis = previous.substring(at + MARKER.length());
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, generated + "\n" + MARKER + analysis + (analysis.isEmpty() ? "\n" : ""),
                StandardCharsets.UTF_8);
    }
}
