package dev.nativewatch.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The {@code --include} globs: with none, every path is reported; with some, only a path relative to its watched
 * directory that one of them matches. OVERFLOW and INVALID are always reported, as they say that paths may be
 * missing.
 */
final class Includes {

    private final List<PathMatcher> matchers;

    Includes(List<String> globs) {
        this.matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    /** @return whether the event's relative path is to be reported */
    boolean reports(Path relative) {
        return matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(relative));
    }
}
