package dev.nativewatch.core;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link SnapshotTable} breadth first. Entries are added as children of the entry last {@link #open}ed,
 * and entries are opened in index order, each at most once, with their children added in name order: that is what
 * makes every directory's children one sorted, contiguous run.
 */
final class SnapshotBuilder {

    private static final int INITIAL_CAPACITY = 64;

    private final FileSystem fileSystem;
    private final AttributeColumns attributes;
    private int count;
    /** Entries below this one have their children's start set. */
    private int opened;
    private int[] childStart = new int[INITIAL_CAPACITY + 1];
    private int[] nameStart = new int[INITIAL_CAPACITY + 1];
    private byte[] names = new byte[INITIAL_CAPACITY * 8];
    private byte[] flags = new byte[INITIAL_CAPACITY];
    private Map<Integer, Path> oddNames = Map.of();

    /** Starts with the root entry, index 0. */
    SnapshotBuilder(FileSystem fileSystem, int recorded) {
        this.fileSystem = fileSystem;
        this.attributes = new AttributeColumns(recorded, INITIAL_CAPACITY);
        add(new byte[0], null, SnapshotTable.DIRECTORY);
    }

    int count() {
        return count;
    }

    AttributeColumns attributes() {
        return attributes;
    }

    boolean is(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    void addFlags(int i, int flag) {
        flags[i] |= (byte) flag;
    }

    /** Entries added from now on are children of {@code parent}, which must be the next entry not yet opened. */
    void open(int parent) {
        while (opened <= parent) {
            childStart[opened++] = count;
        }
    }

    /** @return the index of a new entry; its attributes are set through {@link #attributes()} */
    int add(byte[] name, Path oddName, int entryFlags) {
        if (count == flags.length) {
            grow(count * 2);
        }
        int at = nameStart[count];
        if (at + name.length > names.length) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, at + name.length));
        }
        System.arraycopy(name, 0, names, at, name.length);
        nameStart[count + 1] = at + name.length;
        flags[count] = (byte) (entryFlags | (oddName != null ? SnapshotTable.ODD_NAME : 0));
        if (oddName != null) {
            if (oddNames.isEmpty()) {
                oddNames = new HashMap<>();
            }
            oddNames.put(count, oddName);
        }
        return count++;
    }

    /** Adds a copy of entry {@code j} of {@code from}, attributes and all, with its flags and {@code extraFlags}. */
    int copy(SnapshotTable from, int j, int extraFlags) {
        int i = add(from.nameBytes(j), from.oddName(j), (from.flags(j) & ~SnapshotTable.ODD_NAME) | extraFlags);
        attributes.copy(i, from.attributes, j);
        return i;
    }

    private void grow(int capacity) {
        childStart = Arrays.copyOf(childStart, capacity + 1);
        nameStart = Arrays.copyOf(nameStart, capacity + 1);
        flags = Arrays.copyOf(flags, capacity);
        attributes.grow(capacity);
    }

    SnapshotTable build() {
        open(count - 1);
        childStart[count] = count;
        attributes.trim(count);
        return new SnapshotTable(fileSystem, attributes, count, Arrays.copyOf(childStart, count + 1),
                Arrays.copyOf(nameStart, count + 1), Arrays.copyOf(names, nameStart[count]),
                Arrays.copyOf(flags, count), oddNames);
    }
}
