package dev.nativewatch.core;

import dev.nativewatch.backend.ListedEntry;
import dev.nativewatch.backend.TreeListing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The scan a {@code RESCAN_ON_OVERFLOW} registration keeps, taken from the listing its backend makes anyway while
 * adding the watches, rather than from a second walk of the tree. The walk hands entries over depth first, each
 * directory's together; a snapshot lays them out breadth first and sorted ({@link SnapshotBuilder}), so they are
 * kept as they come and laid out once, on the registering thread, after the walk.
 *
 * <p>Filled on the poller thread while the registration runs; read after it has returned, which orders the two.
 */
final class ListedBase implements TreeListing {

    private static final int INITIAL_CAPACITY = 64;
    /** Entries asked about how the JDK reads creation times before giving up (each may have changed meanwhile). */
    private static final int CREATION_TIME_PROBES = 3;
    private static final int INSERTION_SORT_LIMIT = 32;

    private final Path root;
    private final AttributeReader reader;
    /**
     * Entry 0 is the registered directory, which has no entry of its own; the others in the order they came. A
     * subdirectory's entry is null until its status has come ({@link #opened}).
     */
    private ListedEntry[] entries = new ListedEntry[INITIAL_CAPACITY];
    private byte[][] names = new byte[INITIAL_CAPACITY][];
    private int[] parents = new int[INITIAL_CAPACITY];
    /** Where the children of an entry begin among the entries, and where they end; -1 while it is not listed. */
    private int[] childrenFrom = new int[INITIAL_CAPACITY];
    private int[] childrenTo = new int[INITIAL_CAPACITY];
    private int count = 1;
    private int listing = -1;
    private boolean finished;
    private String abandoned;

    /** @param root the registered directory, as the registration names it */
    ListedBase(Path root, AttributeReader reader) {
        this.root = root;
        this.reader = reader;
        Arrays.fill(childrenFrom, -1);
        names[0] = new byte[0];
    }

    @Override
    public void listing(int directory) {
        endListing();
        boolean isDirectory = directory == ROOT || directory > 0 && directory < count && isDirectory(directory);
        if (!isDirectory || childrenFrom[directory] >= 0) {
            abandon("entry " + directory + " is not a directory, or was listed before");
            return;
        }
        listing = directory;
        childrenFrom[directory] = count;
    }

    @Override
    public int entry(String name, ListedEntry entry) {
        if (listing < 0) {
            abandon("an entry came outside a listing");
            return -1;
        }
        if (count == entries.length) {
            grow(count * 2);
        }
        int i = count++;
        entries[i] = entry;
        names[i] = name.getBytes(StandardCharsets.UTF_8);
        parents[i] = listing;
        return i;
    }

    @Override
    public int directory(String name) {
        return entry(name, null);
    }

    @Override
    public void opened(int directory, ListedEntry entry) {
        if (directory <= 0 || directory >= count || entries[directory] != null || !entry.directory()) {
            abandon("entry " + directory + " was opened as a directory, but is none, or was read before");
            return;
        }
        entries[directory] = entry;
    }

    private boolean isDirectory(int i) {
        return entries[i] == null || entries[i].directory();
    }

    @Override
    public void abandon(String reason) {
        if (abandoned == null) {
            abandoned = reason;
        }
    }

    /**
     * The registration's walk is over: whatever was handed over is the whole tree, unless abandoned, or unless a
     * directory was handed over and never listed, which a scan would have entered.
     */
    void finish() {
        endListing();
        finished = true;
        for (int i = 1; i < count && abandoned == null; i++) {
            if (entries[i] == null) {
                abandon("the status of the directory " + pathOf(i) + " was not read");
            } else if (entries[i].directory() && childrenFrom[i] < 0) {
                abandon("the directory " + pathOf(i) + " was not listed");
            }
        }
    }

    /** @return why the listing cannot serve as the base, or null if it can */
    String unusable() {
        return abandoned != null ? abandoned : finished ? null : "the walk did not finish";
    }

    /**
     * Makes sure everything the snapshot needs is known, asking the JDK how it reads creation times if need be.
     *
     * @return whether the listing can be {@linkplain #layOut laid out}; if not, {@link #unusable()} says why
     */
    boolean prepare() {
        if (unusable() == null && reader.readsCreation() && !learnCreationTimes()) {
            abandon("cannot tell how this JDK reads creation times");
        }
        return unusable() == null;
    }

    /** @return the snapshot of what was listed; only once {@link #prepare()} has said it can be */
    TreeSnapshot layOut() {
        SnapshotBuilder builder = new SnapshotBuilder(root.getFileSystem(), reader.recorded());
        AttributeReader.Reading reading = new AttributeReader.Reading();
        int[] origin = new int[count];
        for (int i = 0; i < builder.count(); i++) {
            builder.open(i);
            int listed = origin[i];
            if (childrenFrom[listed] < 0) {
                continue;
            }
            for (int from : sortedChildren(listed)) {
                ListedEntry entry = entries[from];
                int added = builder.add(names[from], null, entry.directory() ? SnapshotTable.DIRECTORY : 0);
                reader.read(entry, reading);
                builder.attributes().set(added, reading);
                origin[added] = from;
            }
        }
        return TreeSnapshot.of(builder.build());
    }

    /** @return whether every entry's creation time is known now; see {@link CreationTimes} */
    private boolean learnCreationTimes() {
        int probes = 0;
        for (int i = 1; i < count; i++) {
            if (CreationTimes.known(entries[i])) {
                continue;
            }
            if (probes++ == CREATION_TIME_PROBES) {
                return false;
            }
            CreationTimes.learnFrom(pathOf(i), entries[i]);
        }
        return true;
    }

    private Path pathOf(int i) {
        return i == ROOT ? root : pathOf(parents[i]).resolve(new String(names[i], StandardCharsets.UTF_8));
    }

    /**
     * Runs are short in most trees: they are sorted by insertion, on plain indexes, which costs little even before
     * the JIT has compiled it (a registration's first walk runs mostly interpreted).
     */
    private int[] sortedChildren(int parent) {
        int[] children = new int[childrenTo[parent] - childrenFrom[parent]];
        for (int k = 0; k < children.length; k++) {
            children[k] = childrenFrom[parent] + k;
        }
        if (children.length > INSERTION_SORT_LIMIT) {
            return Arrays.stream(children).boxed().sorted(Comparator.comparing((Integer i) -> names[i],
                    ListedBase::compareNames)).mapToInt(Integer::intValue).toArray();
        }
        for (int k = 1; k < children.length; k++) {
            int moving = children[k];
            int j = k - 1;
            while (j >= 0 && compareNames(names[children[j]], names[moving]) > 0) {
                children[j + 1] = children[j];
                j--;
            }
            children[j + 1] = moving;
        }
        return children;
    }

    private static int compareNames(byte[] a, byte[] b) {
        return SnapshotTable.compare(a, 0, a.length, null, b, 0, b.length, null);
    }

    private void endListing() {
        if (listing >= 0) {
            childrenTo[listing] = count;
            listing = -1;
        }
    }

    private void grow(int capacity) {
        entries = Arrays.copyOf(entries, capacity);
        names = Arrays.copyOf(names, capacity);
        parents = Arrays.copyOf(parents, capacity);
        int old = childrenFrom.length;
        childrenFrom = Arrays.copyOf(childrenFrom, capacity);
        Arrays.fill(childrenFrom, old, capacity, -1);
        childrenTo = Arrays.copyOf(childrenTo, capacity);
    }
}
