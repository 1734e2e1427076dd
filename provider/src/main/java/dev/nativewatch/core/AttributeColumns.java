package dev.nativewatch.core;

import dev.nativewatch.backend.Change;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The attributes of a snapshot's entries, one primitive array per attribute, indexed like the entries. Only the
 * attributes a registration's change classes compare are kept ({@link #recorded}); an array that would hold the
 * same value for almost every entry (the device of a file key, a creation time that mirrors the last-modified
 * time) is made only once an entry differs. Mode, owner and group states repeat across a tree, so each distinct
 * one is kept once and entries hold its index.
 *
 * <p>Grows while a snapshot is built, then is trimmed and never changed again.
 */
final class AttributeColumns {

    /** Last-modified times, in nanoseconds since the epoch; for a told entry, when it was told (milliseconds). */
    static final int TIMES = 1;
    static final int SIZES = 2;
    static final int ACCESS = 4;
    static final int CREATION = 8;
    /** Attribute and security states (mode, owner, group; DOS bits; ACL), as indexes into a table. */
    static final int STATES = 16;
    /** File keys as device and inode numbers (the "unix" view). */
    static final int INODES = 32;
    /** File keys as the objects {@code BasicFileAttributes.fileKey()} returns, where there is no "unix" view. */
    static final int KEY_OBJECTS = 64;

    /**
     * File system clocks lag the wall clock by up to a scheduler tick: a write just after the consumer was told
     * can carry a time just before it. A change this close to the telling is reported rather than risked.
     */
    private static final long CLOCK_SLACK_MILLIS = 20;
    private static final long NANOS_PER_MILLI = 1_000_000;

    final int recorded;
    private long[] modified;
    private long[] sizes;
    private long[] accessed;
    /** Null while every entry's creation time equals its last-modified time. */
    private long[] created;
    private long[] inodes;
    private long[] devices = new long[0];
    /** Null while every entry is on {@code devices[0]}. */
    private int[] deviceIndex;
    private Object[] keys;
    private int[] states;
    private Object[] stateTable = new Object[0];
    /** Only while building. */
    private Map<Object, Integer> stateIndex;
    private int lastInterned = -1;

    AttributeColumns(int recorded, int capacity) {
        this.recorded = recorded;
        modified = has(TIMES) ? new long[capacity] : null;
        sizes = has(SIZES) ? new long[capacity] : null;
        accessed = has(ACCESS) ? new long[capacity] : null;
        inodes = has(INODES) ? new long[capacity] : null;
        states = has(STATES) ? new int[capacity] : null;
        stateIndex = has(STATES) ? new HashMap<>() : null;
    }

    boolean has(int group) {
        return (recorded & group) != 0;
    }

    // ---- building

    void grow(int capacity) {
        modified = grown(modified, capacity);
        sizes = grown(sizes, capacity);
        accessed = grown(accessed, capacity);
        created = grown(created, capacity);
        inodes = grown(inodes, capacity);
        if (deviceIndex != null) {
            deviceIndex = Arrays.copyOf(deviceIndex, capacity);
        }
        if (keys != null) {
            keys = Arrays.copyOf(keys, capacity);
        }
        if (states != null) {
            states = Arrays.copyOf(states, capacity);
        }
    }

    private static long[] grown(long[] array, int capacity) {
        return array == null ? null : Arrays.copyOf(array, capacity);
    }

    /** Stores what {@code read} holds as entry {@code i}'s attributes. */
    void set(int i, AttributeReader.Reading read) {
        if (modified != null) {
            modified[i] = read.modifiedNanos;
        }
        if (sizes != null) {
            sizes[i] = read.size;
        }
        if (accessed != null) {
            accessed[i] = read.accessedNanos;
        }
        if (has(CREATION)) {
            setCreated(i, read.createdNanos);
        }
        if (inodes != null) {
            inodes[i] = read.inode;
            setDevice(i, read.device);
        } else if (has(KEY_OBJECTS) && read.key != null) {
            setKey(i, read.key);
        }
        if (states != null) {
            states[i] = intern(read.states);
        }
    }

    /** Stores when the consumer was told of entry {@code i}, which has no other attributes. */
    void setTold(int i, long atMillis) {
        modified[i] = atMillis;
    }

    /** Copies entry {@code j} of {@code from} as entry {@code i}; what {@code from} did not record stays empty. */
    void copy(int i, AttributeColumns from, int j) {
        if (modified != null && from.modified != null) {
            modified[i] = from.modified[j];
        }
        if (sizes != null && from.sizes != null) {
            sizes[i] = from.sizes[j];
        }
        if (accessed != null && from.accessed != null) {
            accessed[i] = from.accessed[j];
        }
        if (has(CREATION) && from.has(CREATION)) {
            setCreated(i, from.createdNanos(j));
        }
        if (inodes != null && from.inodes != null) {
            inodes[i] = from.inodes[j];
            setDevice(i, from.device(j));
        } else if (has(KEY_OBJECTS) && from.keys != null && from.keys[j] != null) {
            setKey(i, from.keys[j]);
        }
        if (states != null && from.states != null) {
            states[i] = intern(from.stateTable[from.states[j]]);
        }
    }

    private void setCreated(int i, long nanos) {
        if (created == null) {
            if (nanos == modified[i]) {
                return;
            }
            created = Arrays.copyOf(modified, modified.length);
        }
        created[i] = nanos;
    }

    private void setDevice(int i, long device) {
        int index = 0;
        while (index < devices.length && devices[index] != device) {
            index++;
        }
        if (index == devices.length) {
            devices = Arrays.copyOf(devices, index + 1);
            devices[index] = device;
        }
        if (index != 0 && deviceIndex == null) {
            deviceIndex = new int[inodes.length];
        }
        if (deviceIndex != null) {
            deviceIndex[i] = index;
        }
    }

    private void setKey(int i, Object key) {
        if (keys == null) {
            keys = new Object[modified != null ? modified.length : Math.max(16, i + 1)];
        }
        if (i >= keys.length) {
            keys = Arrays.copyOf(keys, Math.max(i + 1, keys.length * 3 / 2));
        }
        keys[i] = key;
    }

    private int intern(Object state) {
        // Neighbouring entries mostly share their state: a look at the last one saves hashing it.
        if (lastInterned >= 0 && stateTable[lastInterned].equals(state)) {
            return lastInterned;
        }
        Integer index = stateIndex.get(state);
        if (index == null) {
            index = stateTable.length;
            stateTable = Arrays.copyOf(stateTable, index + 1);
            stateTable[index] = state;
            stateIndex.put(state, index);
        }
        lastInterned = index;
        return index;
    }

    /** Cuts every array to {@code count} entries and drops what only building needed. */
    void trim(int count) {
        grow(count);
        stateIndex = null;
    }

    // ---- reading

    /** @return the entry's file key, comparable with {@link FileKeys#of}, or null where there is none */
    Object fileKey(int i) {
        if (inodes != null) {
            return new FileKeys.Inode(device(i), inodes[i]);
        }
        return keys == null || i >= keys.length ? null : keys[i];
    }

    /** @return whether both entries have file keys and they differ: the path now names another file */
    boolean keyDiffers(int i, AttributeColumns other, int j) {
        if (inodes != null && other.inodes != null) {
            return inodes[i] != other.inodes[j] || device(i) != other.device(j);
        }
        Object key = fileKey(i);
        Object otherKey = other.fileKey(j);
        return key != null && otherKey != null && !key.equals(otherKey);
    }

    private long device(int i) {
        return deviceIndex == null ? devices[0] : devices[deviceIndex[i]];
    }

    private long createdNanos(int i) {
        return created != null ? created[i] : modified[i];
    }

    /**
     * @param told whether entry {@code i} is one the consumer was told of, without attributes, at the time its
     *             last-modified column holds: it then counts as modified only if {@code j} was written after that
     * @return the change classes in which entry {@code j} of {@code now} differs, as a bit per {@link Change}
     * ordinal; 0 if none. Only what both sides recorded is compared.
     */
    int differences(int i, boolean told, AttributeColumns now, int j) {
        int both = recorded & now.recorded;
        if (told) {
            boolean written = (both & TIMES) != 0
                    && Math.floorDiv(now.modified[j], NANOS_PER_MILLI) > modified[i] - CLOCK_SLACK_MILLIS;
            return written ? bit(Change.LAST_WRITE) : 0;
        }
        int changes = 0;
        if ((both & SIZES) != 0 && sizes[i] != now.sizes[j]) {
            changes |= bit(Change.SIZE);
        }
        if ((both & TIMES) != 0 && modified[i] != now.modified[j]) {
            changes |= bit(Change.LAST_WRITE);
        }
        if ((both & ACCESS) != 0 && accessed[i] != now.accessed[j]) {
            changes |= bit(Change.LAST_ACCESS);
        }
        if ((both & CREATION) != 0 && creationChanged(i, now, j)) {
            changes |= bit(Change.CREATION_TIME);
        }
        if ((both & STATES) != 0) {
            changes |= stateDifferences(stateTable[states[i]], now.stateTable[now.states[j]]);
        }
        return changes;
    }

    /**
     * JDK 17 on Linux reports the last-modified time as the creation time; a creation time that mirrors the
     * last-modified time on both sides is not taken as a real one.
     */
    private boolean creationChanged(int i, AttributeColumns now, int j) {
        long before = createdNanos(i);
        long after = now.createdNanos(j);
        if (before == after) {
            return false;
        }
        return !(before == modified[i] && after == now.modified[j]);
    }

    private static int stateDifferences(Object before, Object after) {
        if (before == after) {
            return 0;
        }
        AttributeReader.States b = (AttributeReader.States) before;
        AttributeReader.States a = (AttributeReader.States) after;
        int changes = 0;
        if (!Objects.equals(b.attributes(), a.attributes())) {
            changes |= bit(Change.ATTRIBUTES);
        }
        if (!Objects.equals(b.security(), a.security())) {
            changes |= bit(Change.SECURITY);
        }
        return changes;
    }

    static int bit(Change change) {
        return 1 << change.ordinal();
    }
}
