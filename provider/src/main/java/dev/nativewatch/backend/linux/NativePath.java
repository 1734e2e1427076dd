package dev.nativewatch.backend.linux;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * An absolute path as the kernel takes it: its bytes in the file-name charset, ending in a NUL. A walk of a tree
 * builds each subdirectory's from its parent's and the entry's name with one copy, where a {@link Path} would be
 * parsed, normalized, turned into a string and encoded again for every system call that names it; on a tree of
 * 100,000 directories that was a noticeable share of the time to watch it, most of all before the JIT compiled it.
 * Immutable.
 */
final class NativePath {

    private final byte[] cString;

    private NativePath(byte[] cString) {
        this.cString = cString;
    }

    /** @return the path, made absolute */
    static NativePath of(Path path) {
        return new NativePath(FileNames.toCString(path));
    }

    /** @return the path of the entry {@code name} of this directory */
    NativePath child(String name) {
        byte[] entry = name.getBytes(FileNames.CHARSET);
        int length = cString.length - 1;
        boolean separator = length == 0 || cString[length - 1] != '/';
        byte[] child = Arrays.copyOf(cString, length + (separator ? 1 : 0) + entry.length + 1);
        int at = length;
        if (separator) {
            child[at++] = '/';
        }
        System.arraycopy(entry, 0, child, at, entry.length);
        return new NativePath(child);
    }

    /** @return the bytes with their NUL, for a system call; not to be changed */
    byte[] cString() {
        return cString;
    }

    /** @return the path as text, for messages and for NIO */
    @Override
    public String toString() {
        return new String(cString, 0, cString.length - 1, FileNames.CHARSET);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NativePath path && Arrays.equals(cString, path.cString);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cString);
    }
}
