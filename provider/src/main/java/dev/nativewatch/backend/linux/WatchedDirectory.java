package dev.nativewatch.backend.linux;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One directory of one registration: its place in the registration's tree (its parent and its name there) and the
 * kernel watch that reports on it. Confined to the poller thread.
 *
 * <p>Its name is a kernel name (see {@link FileNames}). There is one per watched directory, so it keeps no path: its path relative to the registered directory is
 * built from the names up the chain of parents when an event needs it, and events are far fewer than directories.
 * That also makes moving a directory with everything under it a matter of changing its own parent and name.
 */
final class WatchedDirectory {

    final InotifyWatch owner;
    KernelWatch kernel;
    private WatchedDirectory parent;
    private String name;
    /** Null while it has no watched subdirectory, as most directories never do. */
    private ChildDirectories children;
    /** The entries' attributes, when the owner tells which classes an IN_ATTRIB changed; else null. */
    Map<String, EntryAttributes> entries;
    boolean detached;

    /** @param parent null for the registered directory itself, whose name is then null too */
    WatchedDirectory(InotifyWatch owner, WatchedDirectory parent, String name) {
        this.owner = owner;
        this.parent = parent;
        this.name = name;
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

    /** @return the path relative to the registered directory; the empty path for the registered directory */
    Path relative() {
        return relativeOf(null);
    }

    /**
     * @param entry the kernel name of an entry of this directory, or null for the directory itself
     * @return the path of the entry relative to the registered directory, naming the kernel's bytes
     */
    Path relativeOf(String entry) {
        if (parent == null && entry != null) {
            return FileNames.relativePath(owner.root(), entry); // as most events name: no array of names to build
        }
        String[] names = namesOf(entry);
        return names.length == 0 ? owner.root().getFileSystem().getPath("") : owner.relativePath(names);
    }

    /** @return the kernel names from the registered directory down to {@code entry} (or to this directory) */
    String[] namesOf(String entry) {
        int count = entry == null ? 0 : 1;
        for (WatchedDirectory dir = this; dir.parent != null; dir = dir.parent) {
            count++;
        }
        String[] names = new String[count];
        int i = count;
        if (entry != null) {
            names[--i] = entry;
        }
        for (WatchedDirectory dir = this; dir.parent != null; dir = dir.parent) {
            names[--i] = dir.name;
        }
        return names;
    }

    /** @return whether this directory is {@code other} or lies under it */
    boolean isWithin(WatchedDirectory other) {
        for (WatchedDirectory dir = this; dir != null; dir = dir.parent) {
            if (dir == other) {
                return true;
            }
        }
        return false;
    }

    WatchedDirectory child(String entry) {
        return children == null ? null : children.get(entry);
    }

    /** @return the watched subdirectories, as they are now */
    List<WatchedDirectory> children() {
        List<WatchedDirectory> list = new ArrayList<>();
        if (children != null) {
            children.forEach(list::add);
        }
        return list;
    }

    /** Adds a subdirectory under its name, in place of any of the same name. */
    void addChild(WatchedDirectory child) {
        if (children == null) {
            children = new ChildDirectories();
        }
        children.put(child);
    }

    /** @return the child removed, or null */
    WatchedDirectory removeChild(String entry) {
        if (children == null) {
            return null;
        }
        WatchedDirectory removed = children.remove(entry);
        if (children.size() == 0) {
            children = null;
        }
        return removed;
    }

    /** @return whether its parent has it as its child of its name (the registered directory: whether watched) */
    boolean isPlaced() {
        return !detached && (parent == null || parent.child(name) == this);
    }

    /** Detaches this directory from its parent, if it is still the parent's child of that name. */
    void unlink() {
        if (parent != null && parent.child(name) == this) {
            parent.removeChild(name);
        }
    }

    /**
     * Moves this directory, with everything under it, to another parent and name (a rename inside the tree); the
     * paths of the directories under it follow, being built from the chain of parents. The new parent must not lie
     * under this directory, which the kernel never allows and the caller checks with {@link #isWithin}.
     */
    void moveTo(WatchedDirectory newParent, String newName) {
        unlink(); // under its old name, which its old parent's table knows it by
        parent = newParent;
        name = newName;
        newParent.addChild(this);
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
                dir.children.forEach(pending::push);
            }
        }
        return result;
    }

    void forgetChildren() {
        children = null;
    }

    @Override
    public String toString() {
        Path relative = relative();
        return "WatchedDirectory[" + (relative.toString().isEmpty() ? "." : relative) + ", "
                + (kernel == null ? "unattached" : "wd=" + kernel.wd) + (detached ? ", detached" : "") + "]";
    }
}
