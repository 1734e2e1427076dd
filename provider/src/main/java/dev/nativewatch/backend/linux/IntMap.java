package dev.nativewatch.backend.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A map from {@code int} keys to non-null values, without a boxed key or an entry object per mapping: two arrays
 * of one slot per mapping, probed linearly. Watch descriptors are its keys; a map of them holds a mapping per
 * watched directory, so what each mapping costs matters.
 *
 * <p>Removal moves the later entries of the same probe sequence back into the gap instead of leaving a tombstone,
 * so lookups stay as short as after a fresh insert however long keys come and go (watch descriptors are never
 * reused, so a table with tombstones would fill up with them). The arrays shrink again when most mappings are
 * gone: the memory held follows the number of mappings, not the largest key or the history.
 *
 * <p>Not thread-safe.
 */
final class IntMap<V> {

    static final int MIN_CAPACITY = 16;

    private int[] keys;
    /** {@code null} marks a free slot. */
    private Object[] values;
    private int size;
    /** {@code 32 - log2(capacity)}: how far a key's mixed hash is shifted to give its home slot. */
    private int shift;

    IntMap() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** @return the values, in no particular order; a copy, so the map may change while it is used */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> copy = new ArrayList<>(size);
        for (Object value : values) {
            if (value != null) {
                copy.add((V) value);
            }
        }
        return copy;
    }

    /** @return how many slots the arrays have; for tests of growing and shrinking */
    int capacity() {
        return keys.length;
    }

    /** @return the value of {@code key}, or null */
    @SuppressWarnings("unchecked")
    V get(int key) {
        int slot = find(key);
        return slot < 0 ? null : (V) values[slot];
    }

    /** @return the value {@code key} had, or null */
    @SuppressWarnings("unchecked")
    V put(int key, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        int mask = keys.length - 1;
        for (int slot = home(key); ; slot = (slot + 1) & mask) {
            Object old = values[slot];
            if (old == null) {
                keys[slot] = key;
                values[slot] = value;
                if (++size > keys.length / 4 * 3) {
                    rehash(keys.length * 2);
                }
                return null;
            }
            if (keys[slot] == key) {
                values[slot] = value;
                return (V) old;
            }
        }
    }

    /** @return the value {@code key} had, or null */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        int slot = find(key);
        if (slot < 0) {
            return null;
        }
        V old = (V) values[slot];
        removeAt(slot);
        return old;
    }

    /** Removes {@code key} only while it maps to this very value. @return whether it did */
    boolean remove(int key, V value) {
        int slot = find(key);
        if (slot < 0 || values[slot] != value) {
            return false;
        }
        removeAt(slot);
        return true;
    }

    /** Removes every mapping and gives back the memory of the arrays. */
    void clear() {
        allocate(MIN_CAPACITY);
    }

    private int find(int key) {
        int mask = keys.length - 1;
        for (int slot = home(key); ; slot = (slot + 1) & mask) {
            if (values[slot] == null) {
                return -1;
            }
            if (keys[slot] == key) {
                return slot;
            }
        }
    }

    /**
     * Frees a slot. Each later entry up to the next free slot is moved into the gap if the gap lies between its home
     * slot and where it is now, as it would be had the freed entry never been inserted; the gap then moves to where
     * that entry was.
     */
    private void removeAt(int slot) {
        int mask = keys.length - 1;
        int gap = slot;
        for (int next = (gap + 1) & mask; values[next] != null; next = (next + 1) & mask) {
            int home = home(keys[next]);
            // Cyclic distances: the entry may fill the gap if its home is no further along than the gap.
            if (((next - home) & mask) >= ((next - gap) & mask)) {
                keys[gap] = keys[next];
                values[gap] = values[next];
                gap = next;
            }
        }
        values[gap] = null;
        size--;
        if (keys.length > MIN_CAPACITY && size < keys.length / 8) {
            rehash(keys.length / 2);
        }
    }

    /** @return the slot a key is looked for in first at the present capacity; for tests that need colliding keys */
    int homeSlot(int key) {
        return home(key);
    }

    /** Fibonacci hashing: consecutive keys, as watch descriptors are, spread over the table. */
    private int home(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = home(oldKeys[i]);
                while (values[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        values = new Object[capacity];
        size = 0;
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    @Override
    public String toString() {
        StringBuilder result = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                result.append(result.length() > 1 ? ", " : "").append(keys[i]).append('=').append(values[i]);
            }
        }
        return result.append('}').toString();
    }

    /** @return the keys, in slot order; for tests */
    int[] keys() {
        int[] result = new int[size];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                result[n++] = keys[i];
            }
        }
        return Arrays.copyOf(result, n);
    }
}
