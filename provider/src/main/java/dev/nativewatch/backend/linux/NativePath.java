package dev.nativewatch.backend.linux;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A path as the kernel takes it: its exact bytes, ending in a NUL. A walk of a tree builds each subdirectory's from
 * its parent's and the entry's kernel name with one copy, where a {@link Path} would be parsed, normalized, turned
 * into a string and encoded again for every system call that names it. Immutable.
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

    /**
     * @return the path that names whatever an open descriptor refers to, wherever it has since been moved: the
     * kernel resolves {@code /proc/self/fd/N} to the descriptor's file itself, not to a path
     */
    static NativePath ofDescriptor(int fd) {
        byte[] text = ("/proc/self/fd/" + fd).getBytes(FileNames.KERNEL);
        return new NativePath(Arrays.copyOf(text, text.length + 1));
    }

    /** @return the path of the entry {@code name} (a kernel name) of this directory */
    NativePath child(String name) {
        byte[] entry = name.getBytes(FileNames.KERNEL);
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

    /** @return the path as text, for messages */
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
