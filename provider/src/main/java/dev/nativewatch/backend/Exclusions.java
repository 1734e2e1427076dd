package dev.nativewatch.backend;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paths a registration leaves alone, matched against paths relative to the registered directory. A path is
 * excluded when it, or a directory on the way to it, matches: an excluded directory is never walked or watched, so
 * nothing under it can be reported either.
 *
 * <p>Two instances are equal when they were made from the same globs and the same matcher instances, so that
 * registering a directory again with other exclusions is a change of spec, and with the same ones is not.
 */
public final class Exclusions {

    /** Nothing excluded. */
    public static final Exclusions NONE = new Exclusions(List.of(), List.of());

    /** Glob strings and matcher instances, in the order given: what equality compares. */
    private final List<Object> sources;
    private final List<PathMatcher> matchers;

    private Exclusions(List<Object> sources, List<PathMatcher> matchers) {
        this.sources = List.copyOf(sources);
        this.matchers = List.copyOf(matchers);
    }

    /**
     * @param globs      glob patterns, compiled with {@code fileSystem}'s {@code getPathMatcher("glob:...")}
     * @param matchers   matchers given by the caller, used as they are
     * @param fileSystem the file system of the registered directory
     * @throws IllegalArgumentException if a glob is not valid syntax
     * @throws NullPointerException     if an argument or element is null
     */
    public static Exclusions of(List<String> globs, List<PathMatcher> matchers, FileSystem fileSystem) {
        Objects.requireNonNull(fileSystem, "fileSystem");
        if (globs.isEmpty() && matchers.isEmpty()) {
            return NONE;
        }
        List<Object> sources = new ArrayList<>();
        List<PathMatcher> compiled = new ArrayList<>();
        for (String glob : globs) {
            sources.add(Objects.requireNonNull(glob, "glob"));
            compiled.add(fileSystem.getPathMatcher("glob:" + glob));
        }
        for (PathMatcher matcher : matchers) {
            sources.add(Objects.requireNonNull(matcher, "matcher"));
            compiled.add(matcher);
        }
        return new Exclusions(sources, compiled);
    }

    /** @return whether nothing is excluded */
    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    /**
     * @param relative a path relative to the registered directory; the empty path (the directory itself) never
     *                 matches
     * @return whether {@code relative} itself matches, without looking at the directories above it: for a walk,
     * which has checked those already
     */
    public boolean matches(Path relative) {
        if (matchers.isEmpty() || relative == null || relative.getNameCount() == 0 || relative.toString().isEmpty()) {
            return false;
        }
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code relative}, or a directory on the way to it from the registered directory, matches */
    public boolean excludes(Path relative) {
        if (isEmpty() || relative == null) {
            return false;
        }
        for (Path prefix = relative; prefix != null; prefix = prefix.getParent()) {
            if (matches(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Exclusions that && that.sources.equals(sources);
    }

    @Override
    public int hashCode() {
        return sources.hashCode();
    }

    @Override
    public String toString() {
        return "Exclusions" + sources;
    }
}
