package dev.nativewatch.core;

import dev.nativewatch.backend.Change;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a scan compares, and no more: the views a file system offers are read only when a wanted change
 * class needs them, since every extra view can cost a system call per entry.
 */
public final class AttributeReader {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String UNIX_NUMBERS = "unix:mode,uid,gid";

    private final boolean unix;
    private final boolean posix;
    private final boolean dos;
    private final boolean acl;
    private final boolean owner;
    private final boolean lastAccess;
    private final boolean creation;
    /**
     * One instance per distinct attribute or security state: most entries of a tree share their mode, owner and
     * group, and a snapshot held for RESCAN_ON_OVERFLOW would otherwise keep a few small lists per entry.
     */
    private final Map<Object, Object> canonical = new HashMap<>();

    public AttributeReader(FileSystem fileSystem, Set<Change> wanted) {
        Set<String> views = fileSystem.supportedFileAttributeViews();
        boolean attributes = wanted.contains(Change.ATTRIBUTES);
        boolean security = wanted.contains(Change.SECURITY);
        // The "unix" view gives mode, uid and gid as numbers; the "posix" view would look up user and group names
        // for every entry, which dominated rescans of large trees.
        this.unix = views.contains("unix") && (attributes || security);
        this.posix = !unix && views.contains("posix") && (attributes || security);
        // Linux offers a "dos" view kept in extended attributes; its bits mean nothing to POSIX tools, and reading
        // it costs a call per entry, so DOS attributes count only where there are no POSIX ones.
        this.dos = views.contains("dos") && !views.contains("posix") && attributes;
        this.acl = views.contains("acl") && security;
        this.owner = !unix && !posix && views.contains("owner") && security;
        // Times no wanted class compares are not kept: a snapshot holds them for every entry.
        this.lastAccess = wanted.contains(Change.LAST_ACCESS);
        this.creation = wanted.contains(Change.CREATION_TIME);
    }

    /** Reads an entry, using {@code basic} when nothing more is needed. */
    EntryState read(Path entry, BasicFileAttributes basic) throws IOException {
        List<Object> posixState = null;
        if (unix) {
            Map<String, Object> numbers = Files.readAttributes(entry, UNIX_NUMBERS, NOFOLLOW);
            posixState = Arrays.asList(numbers.get("mode"), numbers.get("uid"), numbers.get("gid"));
        } else if (posix) {
            PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class, NOFOLLOW);
            basic = attributes;
            posixState = Arrays.asList(attributes.permissions(), attributes.owner(), attributes.group());
        }
        Object dosBits = dos ? optional(() -> dosBits(Files.readAttributes(entry, DosFileAttributes.class, NOFOLLOW)))
                : null;
        Object aclState = acl
                ? optional(() -> Files.getFileAttributeView(entry, AclFileAttributeView.class, NOFOLLOW).getAcl())
                : null;
        Object ownerState = owner
                ? optional(() -> Files.getFileAttributeView(entry, FileOwnerAttributeView.class, NOFOLLOW).getOwner())
                : null;
        Object attributesState = unix || posix || dos ? canonical(Arrays.asList(dosBits, posixState)) : null;
        Object securityState = unix || posix || acl || owner
                ? canonical(Arrays.asList(posixState, aclState, ownerState)) : null;
        // The creation time is kept with the last-modified time whenever it is wanted: EntryState tells a real
        // creation time from one that mirrors the last-modified time by comparing the two.
        return new EntryState(basic.isDirectory(), basic.fileKey(), basic.size(), basic.lastModifiedTime(),
                lastAccess ? basic.lastAccessTime() : null, creation ? basic.creationTime() : null,
                attributesState, securityState);
    }

    private Object canonical(Object state) {
        synchronized (canonical) {
            return canonical.computeIfAbsent(state, s -> s);
        }
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
