package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine last saw of one entry, kept only for registrations that need to tell which classes an
 * {@code IN_ATTRIB} changed: security (mode, owner, group, POSIX ACL) and the two timestamps that
 * {@code utimensat} sets. A timestamp is null when it is unknown: after {@code IN_MODIFY} or {@code IN_ACCESS}
 * the kernel has changed it without saying to what.
 *
 * @param mode         {@code st_mode}, file type bits included
 * @param acl          the {@code system.posix_acl_access} attribute, or null if absent or not read
 */
record EntryAttributes(int mode, int uid, int gid, byte[] acl, FileTime lastModified, FileTime lastAccess) {

    private static final System.Logger LOG = System.getLogger(EntryAttributes.class.getName());

    /** The change classes whose report needs the attributes an entry had before an {@code IN_ATTRIB}. */
    private static final Set<Change> NEEDED_FOR = EnumSet.of(Change.SECURITY, Change.LAST_WRITE, Change.LAST_ACCESS);

    private static final String UNIX_ATTRIBUTES = "unix:mode,uid,gid,lastModifiedTime,lastAccessTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int PERMISSION_BITS = 07777;

    /**
     * Reads an entry without following a symbolic link.
     *
     * @param api where to read the ACL from, or null not to read it
     * @return its attributes, or null if it is gone or cannot be read
     */
    static EntryAttributes read(Path path, InotifyApi api) {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int mode = (Integer) unix.get("mode");
        byte[] acl = api == null || (mode & S_IFMT) == 0120000 ? null : api.accessAcl(path);
        return new EntryAttributes(mode, (Integer) unix.get("uid"), (Integer) unix.get("gid"), acl,
                (FileTime) unix.get("lastModifiedTime"), (FileTime) unix.get("lastAccessTime"));
    }

    /** @return whether a registration asking for these change classes must remember its entries' attributes */
    static boolean neededFor(Set<Change> changes) {
        return !Collections.disjoint(changes, NEEDED_FOR);
    }

    /**
     * Reads every entry of a directory.
     *
     * @return the attributes by entry name; empty if the directory cannot be listed
     */
    static Map<String, EntryAttributes> readAll(Path directory, InotifyApi api) {
        Map<String, EntryAttributes> entries = new HashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                EntryAttributes attributes = read(entry, api);
                if (attributes != null) {
                    entries.put(FileNames.kernelName(entry), attributes);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot read the entries of " + directory + ": " + e);
        }
        return entries;
    }

    boolean directory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    EntryAttributes withLastModifiedUnknown() {
        return new EntryAttributes(mode, uid, gid, acl, null, lastAccess);
    }

    EntryAttributes withLastAccessUnknown() {
        return new EntryAttributes(mode, uid, gid, acl, lastModified, null);
    }

    /**
     * @return the classes in which {@code now} differs from this: SECURITY, LAST_WRITE, LAST_ACCESS; a timestamp
     * that was unknown here is not compared
     */
    Set<Change> changesTo(EntryAttributes now) {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        if ((mode & PERMISSION_BITS) != (now.mode & PERMISSION_BITS) || uid != now.uid || gid != now.gid
                || !Arrays.equals(acl, now.acl)) {
            changes.add(Change.SECURITY);
        }
        if (lastModified != null && !Objects.equals(lastModified, now.lastModified)) {
            changes.add(Change.LAST_WRITE);
        }
        if (lastAccess != null && !Objects.equals(lastAccess, now.lastAccess)) {
            changes.add(Change.LAST_ACCESS);
        }
        return changes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntryAttributes that && mode == that.mode && uid == that.uid && gid == that.gid
                && Arrays.equals(acl, that.acl) && Objects.equals(lastModified, that.lastModified)
                && Objects.equals(lastAccess, that.lastAccess);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, uid, gid, Arrays.hashCode(acl), lastModified, lastAccess);
    }

    @Override
    public String toString() {
        return "EntryAttributes[mode=0" + Integer.toOctalString(mode) + ", uid=" + uid + ", gid=" + gid
                + ", acl=" + (acl == null ? "none" : acl.length + " bytes") + ", lastModified=" + lastModified
                + ", lastAccess=" + lastAccess + "]";
    }
}
