package dev.nativewatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the globs of an {@code --exclude-from} file: one a line; blank lines and lines starting with # skipped. */
final class GlobFile {

    private GlobFile() {
    }

    /** @throws UsageException if the file cannot be read */
    static List<String> read(String typed) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(typed), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("--exclude-from " + Printable.escaped(typed) + ": cannot read it ("
                    + Printable.escaped(String.valueOf(e.getMessage())) + ")");
        }
        List<String> globs = new ArrayList<>();
        for (String line : lines) {
            // Only line ends are trimmed: a glob may begin or end with a space on purpose.
            String glob = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!glob.isBlank() && !glob.stripLeading().startsWith("#")) {
                globs.add(glob);
            }
        }
        return globs;
    }
}
