package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ListedEntry;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads what a scan compares, and no more: the views a file system offers are read only when a wanted change
 * class needs them, since every extra view can cost a system call per entry. Where there is a "unix" view, one
 * read of it gives everything (one {@code lstat}), the file key included as numbers.
 */
public final class AttributeReader {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /**
     * The attribute and security states of an entry, compared as wholes: DOS attribute bits and POSIX
     * mode/owner/group; POSIX mode/owner/group, owner and ACL.
     */
    record States(Object attributes, Object security) {
    }

    /** What one read found; reused from entry to entry. */
    static final class Reading {
        boolean directory;
        long size;
        long modifiedNanos;
        long accessedNanos;
        long createdNanos;
        long device;
        long inode;
        Object key;
        Object states;
    }

    private final boolean inodes;
    /** The "unix" attributes to read, when {@link #inodes}. */
    private final String unixAttributes;
    private final boolean unixStates;
    private final boolean posix;
    private final boolean dos;
    private final boolean acl;
    private final boolean owner;
    private final int recorded;

    public AttributeReader(FileSystem fileSystem, Set<Change> wanted) {
        Set<String> views = fileSystem.supportedFileAttributeViews();
        boolean attributes = wanted.contains(Change.ATTRIBUTES);
        boolean security = wanted.contains(Change.SECURITY);
        this.inodes = FileKeys.inodes(fileSystem);
        // The "unix" view gives mode, uid and gid as numbers; the "posix" view would look up user and group names
        // for every entry, which dominated rescans of large trees.
        this.unixStates = inodes && (attributes || security);
        this.posix = !unixStates && views.contains("posix") && (attributes || security);
        // Linux offers a "dos" view kept in extended attributes; its bits mean nothing to POSIX tools, and reading
        // it costs a call per entry, so DOS attributes count only where there are no POSIX ones.
        this.dos = views.contains("dos") && !views.contains("posix") && attributes;
        this.acl = views.contains("acl") && security;
        this.owner = !unixStates && !posix && views.contains("owner") && security;
        this.recorded = recorded(wanted, unixStates || posix || dos || acl || owner, inodes);
        this.unixAttributes = inodes ? unixAttributes(recorded, unixStates) : null;
    }

    /** Times and sizes no wanted class compares are not kept: a snapshot holds them for every entry. */
    private static int recorded(Set<Change> wanted, boolean states, boolean inodes) {
        int recorded = inodes ? AttributeColumns.INODES : AttributeColumns.KEY_OBJECTS;
        if (wanted.stream().anyMatch(Change::isModification)) {
            // Also what an entry the consumer was told of is compared by.
            recorded |= AttributeColumns.TIMES;
        }
        if (wanted.contains(Change.SIZE)) {
            recorded |= AttributeColumns.SIZES;
        }
        if (wanted.contains(Change.LAST_ACCESS)) {
            recorded |= AttributeColumns.ACCESS;
        }
        if (wanted.contains(Change.CREATION_TIME)) {
            recorded |= AttributeColumns.CREATION;
        }
        return states ? recorded | AttributeColumns.STATES : recorded;
    }

    private static String unixAttributes(int recorded, boolean states) {
        StringBuilder names = new StringBuilder("unix:isDirectory,dev,ino");
        if ((recorded & AttributeColumns.TIMES) != 0) {
            names.append(",lastModifiedTime");
        }
        if ((recorded & AttributeColumns.SIZES) != 0) {
            names.append(",size");
        }
        if ((recorded & AttributeColumns.ACCESS) != 0) {
            names.append(",lastAccessTime");
        }
        if ((recorded & AttributeColumns.CREATION) != 0) {
            names.append(",creationTime");
        }
        return states ? names.append(",mode,uid,gid").toString() : names.toString();
    }

    boolean readsCreation() {
        return (recorded & AttributeColumns.CREATION) != 0;
    }

    /** @return the {@link AttributeColumns} groups this reader fills */
    int recorded() {
        return recorded;
    }

    /**
     * @return whether the status a backend listed an entry with ({@link ListedEntry}) holds everything this reader
     * reads: what the "unix" view gives, and no other view
     */
    boolean readsOnlyListedStatus() {
        return inodes && !posix && !dos && !acl && !owner;
    }

    /**
     * Reads a listed entry into {@code into} as {@link #read} would have read it; see {@link #readsOnlyListedStatus}.
     * Its creation time must be {@linkplain CreationTimes#known known} if this reader {@linkplain #readsCreation
     * reads creation times}.
     */
    void read(ListedEntry entry, Reading into) {
        into.directory = entry.directory();
        into.device = entry.device();
        into.inode = entry.inode();
        into.modifiedNanos = entry.modifiedNanos();
        into.size = entry.size();
        into.accessedNanos = entry.accessedNanos();
        into.createdNanos = CreationTimes.of(entry);
        if (unixStates) {
            List<Long> numbers = List.of((long) entry.mode(), (long) entry.uid(), (long) entry.gid());
            into.states = new States(numbers, numbers);
        }
    }

    /** Reads the entry at {@code entry} into {@code into}, without following a link. */
    void read(Path entry, Reading into) throws IOException {
        if (inodes) {
            readUnix(Files.readAttributes(entry, unixAttributes, NOFOLLOW), into);
            return;
        }
        List<Object> posixState = null;
        BasicFileAttributes basic;
        if (posix) {
            PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class, NOFOLLOW);
            basic = attributes;
            posixState = Arrays.asList(attributes.permissions(), attributes.owner(), attributes.group());
        } else {
            basic = Files.readAttributes(entry, BasicFileAttributes.class, NOFOLLOW);
        }
        readBasic(basic, into);
        into.key = basic.fileKey();
        into.states = (recorded & AttributeColumns.STATES) != 0 ? otherStates(entry, posixState) : null;
    }

    private void readUnix(Map<String, Object> values, Reading into) {
        into.directory = Boolean.TRUE.equals(values.get("isDirectory"));
        into.device = FileKeys.number(values.get("dev"));
        into.inode = FileKeys.number(values.get("ino"));
        into.modifiedNanos = nanos((FileTime) values.get("lastModifiedTime"));
        into.size = FileKeys.number(values.get("size"));
        into.accessedNanos = nanos((FileTime) values.get("lastAccessTime"));
        into.createdNanos = nanos((FileTime) values.get("creationTime"));
        if (unixStates) {
            List<Long> numbers = List.of(FileKeys.number(values.get("mode")), FileKeys.number(values.get("uid")),
                    FileKeys.number(values.get("gid")));
            // As the POSIX view's permissions, owner and group: part of both states.
            into.states = new States(numbers, numbers);
        }
    }

    private static void readBasic(BasicFileAttributes basic, Reading into) {
        into.directory = basic.isDirectory();
        into.size = basic.size();
        into.modifiedNanos = nanos(basic.lastModifiedTime());
        into.accessedNanos = nanos(basic.lastAccessTime());
        into.createdNanos = nanos(basic.creationTime());
    }

    private States otherStates(Path entry, List<Object> posixState) {
        Object dosBits = dos ? optional(() -> dosBits(Files.readAttributes(entry, DosFileAttributes.class, NOFOLLOW)))
                : null;
        Object aclState = acl
                ? optional(() -> Files.getFileAttributeView(entry, AclFileAttributeView.class, NOFOLLOW).getAcl())
                : null;
        Object ownerState = owner
                ? optional(() -> Files.getFileAttributeView(entry, FileOwnerAttributeView.class, NOFOLLOW).getOwner())
                : null;
        return new States(Arrays.asList(dosBits, posixState), Arrays.asList(posixState, aclState, ownerState));
    }

    /**
     * Times beyond the years 1677 to 2262 are clamped to those bounds by the conversion; two such times compare
     * as equal, which no real file system clock reaches.
     */
    private static long nanos(FileTime time) {
        return time == null ? 0 : time.to(TimeUnit.NANOSECONDS);
    }

    private static int dosBits(DosFileAttributes attributes) {
        return (attributes.isReadOnly() ? 1 : 0) | (attributes.isHidden() ? 2 : 0)
                | (attributes.isSystem() ? 4 : 0) | (attributes.isArchive() ? 8 : 0);
    }

    /**
     * Reads a view that some entries lack (a symbolic link has no ACL of its own on most systems): the entry
     * is still recorded, without that part, rather than dropped from the scan.
     */
    private static Object optional(ViewRead read) {
        try {
            return read.get();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface ViewRead {
        Object get() throws IOException;
    }
}
