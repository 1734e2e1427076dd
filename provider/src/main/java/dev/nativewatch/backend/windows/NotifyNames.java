package dev.nativewatch.backend.windows;

import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a record's {@code FileName} into a path relative to the watched directory, or refuses it. A refused name
 * never becomes a path: nothing that could leave the watched tree ({@code ..}, {@code .}, a drive or root, an
 * empty segment, a {@code /}), and nothing the file system's {@link Path} rejects.
 */
final class NotifyNames {

    private NotifyNames() {
    }

    /**
     * @param name a non-empty name as {@code ReadDirectoryChangesW} reports it, {@code \} between names; an
     *             alternate data stream ({@code file.txt:Zone.Identifier}) stands for its base file
     * @return the relative path, with one name per segment, or null if the name is refused
     */
    static Path relative(FileSystem fileSystem, String name) {
        String[] segments = name.split("\\\\", -1);
        int last = segments.length - 1;
        int stream = segments[last].indexOf(':');
        if (stream >= 0) {
            segments[last] = segments[last].substring(0, stream);
        }
        for (String segment : segments) {
            if (!acceptable(segment)) {
                return null;
            }
        }
        Path path;
        try {
            path = fileSystem.getPath(segments[0], java.util.Arrays.copyOfRange(segments, 1, segments.length));
        } catch (InvalidPathException e) {
            return null;
        }
        if (path.isAbsolute() || path.getRoot() != null || path.getNameCount() != segments.length) {
            return null;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!path.getName(i).toString().equals(segments[i])) {
                return null;
            }
        }
        return path;
    }

    private static boolean acceptable(String segment) {
        return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..") && segment.indexOf('/') < 0
                && segment.indexOf(':') < 0 && segment.indexOf('\0') < 0;
    }
}
