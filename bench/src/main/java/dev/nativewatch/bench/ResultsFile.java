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

    /**
     * Replaces the section that starts with {@code heading} (up to the next {@code ## } heading or the marker)
     * with {@code section}, or inserts it just above the marker; the rest of the file stays as it was.
     */
    static void replaceSection(Path file, String heading, String section) throws IOException {
        String previous = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int marker = previous.indexOf(MARKER);
        String generated = marker >= 0 ? previous.substring(0, marker) : previous;
        String rest = marker >= 0 ? previous.substring(marker) : MARKER + "\n";
        int start = generated.indexOf(heading + "\n");
        if (start < 0) {
            generated = generated.stripTrailing() + "\n\n" + section + "\n";
        } else {
            int end = generated.indexOf("\n## ", start + heading.length());
            generated = generated.substring(0, start) + section + (end < 0 ? "\n" : generated.substring(end + 1));
        }
        Files.writeString(file, generated + rest, StandardCharsets.UTF_8);
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
