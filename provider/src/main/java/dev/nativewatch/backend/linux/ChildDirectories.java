package dev.nativewatch.backend.linux;

import java.util.function.Consumer;

/**
 * The watched subdirectories of one watched directory, by name. Every watched directory but the root is in one
 * such table, so the table holds the directories themselves, probed linearly by {@link WatchedDirectory#name()},
 * rather than a map's entry object per directory. A child's name must not change while it is in a table:
 * {@link WatchedDirectory#moveTo} takes it out first. Removal moves later entries back instead of leaving
 * tombstones (as {@link IntMap} does), and the array shrinks when most children are gone. Confined to the poller
 * thread.
 */
final class ChildDirectories {

    /** Most directories with subdirectories have few. */
    static final int MIN_CAPACITY = 2;

    /** {@code null} marks a free slot. */
    private WatchedDirectory[] slots;
    private int size;
    /** {@code 32 - log2(capacity)}: how far a name's mixed hash is shifted to give its home slot. */
    private int shift;

    ChildDirectories() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    /** @return how many slots the array has; for tests of growing and shrinking */
    int capacity() {
        return slots.length;
    }

    /** @return the child of this name, or null */
    WatchedDirectory get(String name) {
        int slot = find(name);
        return slot < 0 ? null : slots[slot];
    }

    /** Adds a child under its name. @return the child of the same name it replaces, or null */
    WatchedDirectory put(WatchedDirectory child) {
        String name = child.name();
        int mask = slots.length - 1;
        for (int slot = home(name); ; slot = (slot + 1) & mask) {
            WatchedDirectory there = slots[slot];
            if (there == null) {
                slots[slot] = child;
                if (++size * 4 > slots.length * 3) {
                    rehash(slots.length * 2);
                }
                return null;
            }
            if (there.name().equals(name)) {
                slots[slot] = child;
                return there;
            }
        }
    }

    /** @return the child of this name that was removed, or null */
    WatchedDirectory remove(String name) {
        int slot = find(name);
        if (slot < 0) {
            return null;
        }
        WatchedDirectory removed = slots[slot];
        int mask = slots.length - 1;
        int gap = slot;
        for (int next = (gap + 1) & mask; slots[next] != null; next = (next + 1) & mask) {
            int home = home(slots[next].name());
            // Cyclic distances: the entry may fill the gap if its home is no further along than the gap.
            if (((next - home) & mask) >= ((next - gap) & mask)) {
                slots[gap] = slots[next];
                gap = next;
            }
        }
        slots[gap] = null;
        size--;
        if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
            rehash(slots.length / 2);
        }
        return removed;
    }

    void forEach(Consumer<WatchedDirectory> action) {
        for (WatchedDirectory child : slots) {
            if (child != null) {
                action.accept(child);
            }
        }
    }

    private int find(String name) {
        int mask = slots.length - 1;
        for (int slot = home(name); ; slot = (slot + 1) & mask) {
            WatchedDirectory there = slots[slot];
            if (there == null) {
                return -1;
            }
            if (there.name().equals(name)) {
                return slot;
            }
        }
    }

    /** Fibonacci hashing, which also spreads the similar hash codes of similar names. */
    private int home(String name) {
        return (name.hashCode() * 0x9E3779B9) >>> shift;
    }

    private void rehash(int capacity) {
        WatchedDirectory[] old = slots;
        allocate(capacity);
        int mask = capacity - 1;
        for (WatchedDirectory child : old) {
            if (child != null) {
                int slot = home(child.name());
                while (slots[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = child;
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        slots = new WatchedDirectory[capacity];
        size = 0;
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }
}
