package dev.nativewatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Replaces the rows of the targets table (under {@code heading}) that name the same target as one of
     * {@code rows}, and adds the others at the end of the table; every other row and line stays as it was. Without
     * such a table the rows are left out: a partial run does not start a results file of its own.
     *
     * @param rows markdown table rows, {@code | target | measured | verdict |}
     */
    static void mergeTargetRows(Path file, String heading, List<String> rows) throws IOException {
        if (rows.isEmpty() || !Files.exists(file)) {
            return;
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int at = lines.indexOf(heading);
        if (at < 0) {
            return;
        }
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        int end = at;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        for (String row : rows) {
            int same = end;
            for (int i = at + 2; i < end; i++) {
                if (firstCell(lines.get(i)).equals(firstCell(row))) {
                    same = i;
                }
            }
            if (same < end) {
                lines.set(same, row);
            } else {
                lines.add(end++, row);
            }
        }
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static String firstCell(String row) {
        int second = row.indexOf(" | ", 2);
        return second < 0 ? row : row.substring(0, second);
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
