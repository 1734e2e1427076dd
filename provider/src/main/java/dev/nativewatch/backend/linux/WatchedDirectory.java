package dev.nativewatch.backend.linux;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One directory of one registration: its place in the registration's tree (the path relative to the registered
 * directory) and the kernel watch that reports on it. Confined to the poller thread.
 */
final class WatchedDirectory {

    final InotifyWatch owner;
    KernelWatch kernel;
    private WatchedDirectory parent;
    private String name;
    private Path relative;
    private Map<String, WatchedDirectory> children;
    /** Entries a scan reported as created, whose own IN_CREATE may still be queued; see InotifyEngine. */
    private Set<String> reportedByScan;
    /** The entries' attributes, when the owner tells which classes an IN_ATTRIB changed; else null. */
    Map<String, EntryAttributes> entries;
    boolean detached;

    /** @param relative the path relative to the registered directory; the empty path for the root */
    WatchedDirectory(InotifyWatch owner, WatchedDirectory parent, String name, Path relative) {
        this.owner = owner;
        this.parent = parent;
        this.name = name;
        this.relative = relative;
    }

    WatchedDirectory parent() {
        return parent;
    }

    String name() {
        return name;
    }

    boolean isRoot() {
        return parent == null;
    }

    Path relative() {
        return relative;
    }

    /** @return the path of an entry of this directory, relative to the registered directory */
    Path relativeOf(String entry) {
        return relative.resolve(entry);
    }

    WatchedDirectory child(String entry) {
        return children == null ? null : children.get(entry);
    }

    void addChild(String entry, WatchedDirectory child) {
        if (children == null) {
            children = new HashMap<>();
        }
        children.put(entry, child);
    }

    /** @return the child removed, or null */
    WatchedDirectory removeChild(String entry) {
        return children == null ? null : children.remove(entry);
    }

    /** Detaches this directory from its parent, if it is still the parent's child of that name. */
    void unlink() {
        if (parent != null && parent.child(name) == this) {
            parent.children.remove(name);
        }
    }

    /** Moves this directory, with everything under it, to another parent and name (a rename inside the tree). */
    void moveTo(WatchedDirectory newParent, String newName) {
        unlink();
        parent = newParent;
        name = newName;
        newParent.addChild(newName, this);
        Deque<WatchedDirectory> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            WatchedDirectory dir = pending.pop();
            dir.relative = dir.parent.relativeOf(dir.name);
            if (dir.children != null) {
                dir.children.values().forEach(pending::push);
            }
        }
    }

    /** @return this directory and every directory under it, this one first */
    Iterable<WatchedDirectory> subtree() {
        Deque<WatchedDirectory> result = new ArrayDeque<>();
        Deque<WatchedDirectory> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            WatchedDirectory dir = pending.pop();
            result.addLast(dir);
            if (dir.children != null) {
                dir.children.values().forEach(pending::push);
            }
        }
        return result;
    }

    void forgetChildren() {
        children = null;
    }

    /** Remembers that a scan reported this entry as created. */
    void markReported(String entry) {
        if (reportedByScan == null) {
            reportedByScan = new HashSet<>();
        }
        reportedByScan.add(entry);
    }

    /** @return whether a scan had reported this entry as created; the mark is consumed */
    boolean unmarkReported(String entry) {
        return reportedByScan != null && reportedByScan.remove(entry);
    }

    boolean hasMarks() {
        return reportedByScan != null && !reportedByScan.isEmpty();
    }

    void clearMarks() {
        reportedByScan = null;
    }

    @Override
    public String toString() {
        return "WatchedDirectory[" + (relative.toString().isEmpty() ? "." : relative) + ", "
                + (kernel == null ? "unattached" : "wd=" + kernel.wd) + (detached ? ", detached" : "") + "]";
    }
}
