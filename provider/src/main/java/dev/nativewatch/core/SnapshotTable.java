package dev.nativewatch.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The entries of one snapshot, laid out breadth first: entry 0 is the scanned directory itself, and the children
 * of every entry are contiguous and sorted by name, so two snapshots are compared by merging sorted runs and a path
 * is found by a binary search per name. Names are UTF-8 in one byte array; the attributes are in
 * {@link AttributeColumns}. No {@code Path} is kept per entry: paths are made only for what is reported.
 *
 * <p>A name that does not survive the trip through a {@code String} (bytes that are not valid in the platform
 * encoding decode to U+FFFD) keeps its {@code Path} aside, so that the entry is still reported under its own name.
 * Immutable.
 */
final class SnapshotTable {

    static final int DIRECTORY = 1;
    /** An entry the consumer was told of by an event, known only by when: see {@link AttributeColumns#setTold}. */
    static final int TOLD = 2;
    /** A directory that could not be listed: its children are unknown, not absent. */
    static final int UNLISTED = 4;
    static final int ODD_NAME = 8;
    /** Not an entry: a place for entries under a path the snapshot does not hold, or one that vanished while scanned. */
    static final int GHOST = 16;

    private static final char UNDECODABLE = '\uFFFD';

    final FileSystem fileSystem;
    final AttributeColumns attributes;
    private final int count;
    /** The children of entry {@code i} are {@code childStart[i]} to {@code childStart[i + 1]} (exclusive). */
    private final int[] childStart;
    private final int[] nameStart;
    private final byte[] names;
    private final byte[] flags;
    private final Map<Integer, Path> oddNames;
    private final boolean unlisted;

    SnapshotTable(FileSystem fileSystem, AttributeColumns attributes, int count, int[] childStart, int[] nameStart,
                  byte[] names, byte[] flags, Map<Integer, Path> oddNames) {
        this.fileSystem = fileSystem;
        this.attributes = attributes;
        this.count = count;
        this.childStart = childStart;
        this.nameStart = nameStart;
        this.names = names;
        this.flags = flags;
        this.oddNames = oddNames;
        boolean anyUnlisted = false;
        for (int i = 0; i < count && !anyUnlisted; i++) {
            anyUnlisted = (flags[i] & UNLISTED) != 0;
        }
        this.unlisted = anyUnlisted;
    }

    int count() {
        return count;
    }

    int firstChild(int i) {
        return childStart[i];
    }

    int endOfChildren(int i) {
        return childStart[i + 1];
    }

    boolean hasChildren(int i) {
        return childStart[i] < childStart[i + 1];
    }

    boolean is(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    int flags(int i) {
        return flags[i];
    }

    /** @return whether some directory could not be listed */
    boolean hasUnlisted() {
        return unlisted;
    }

    /** @return the number of entries, the root and ghosts left out */
    int entries() {
        int ghosts = 0;
        for (int i = 1; i < count; i++) {
            ghosts += (flags[i] & GHOST) != 0 ? 1 : 0;
        }
        return count - 1 - ghosts;
    }

    // ---- names and paths

    byte[] nameBytes(int i) {
        return Arrays.copyOfRange(names, nameStart[i], nameStart[i + 1]);
    }

    /** @return the name's own path where the string form would not resolve to it, else null */
    Path oddName(int i) {
        return (flags[i] & ODD_NAME) != 0 ? oddNames.get(i) : null;
    }

    /** @return the path of child {@code i} of the directory at {@code parent} (null for the root) */
    Path child(Path parent, int i) {
        Path odd = oddName(i);
        if (odd != null) {
            return parent == null ? odd : parent.resolve(odd);
        }
        String name = new String(names, nameStart[i], nameStart[i + 1] - nameStart[i], StandardCharsets.UTF_8);
        return parent == null ? fileSystem.getPath(name) : parent.resolve(name);
    }

    /** The order of children: by UTF-8 bytes, then names that needed their own path, by that path. */
    int compareNames(int i, SnapshotTable other, int j) {
        return compare(names, nameStart[i], nameStart[i + 1], oddName(i),
                other.names, other.nameStart[j], other.nameStart[j + 1], other.oddName(j));
    }

    /** Compares entry {@code i}'s name with a name given as its UTF-8 bytes and, if odd, its own path. */
    int compareName(int i, byte[] name, Path odd) {
        return compare(names, nameStart[i], nameStart[i + 1], oddName(i), name, 0, name.length, odd);
    }

    static int compare(byte[] a, int aFrom, int aTo, Path aOdd, byte[] b, int bFrom, int bTo, Path bOdd) {
        int order = Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
        if (order != 0) {
            return order;
        }
        if (aOdd == null || bOdd == null) {
            return (aOdd == null ? 0 : 1) - (bOdd == null ? 0 : 1);
        }
        return aOdd.compareTo(bOdd);
    }

    /** @return the path to keep for a name whose string form is {@code name}, or null if the string will do */
    static Path oddName(Path fileName, String name) {
        return name.indexOf(UNDECODABLE) >= 0 ? fileName : null;
    }

    /** @return the index of the entry at {@code relative}, or -1; ghosts are not entries */
    int find(Path relative) {
        int at = 0;
        for (int k = 0; k < relative.getNameCount() && at >= 0; k++) {
            at = findChild(at, relative.getName(k));
        }
        return at > 0 && (flags[at] & GHOST) == 0 ? at : -1;
    }

    private int findChild(int parent, Path name) {
        String string = name.toString();
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        Path odd = oddName(name, string);
        int low = childStart[parent];
        int high = childStart[parent + 1] - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compareName(middle, bytes, odd);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }
}
