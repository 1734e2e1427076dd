package dev.nativewatch.backend;

/**
 * An entry of a directory as a backend's own walk listed it, with the status a scan would have read for it
 * ({@code lstat}: a symbolic link is described, not followed). Device and inode are the numbers of the JDK's
 * "unix" view; mode, owner and group are as that view gives them, signed {@code int}s widened.
 */
public record ListedEntry(boolean directory, long device, long inode, int mode, int uid, int gid, long size,
                          long modifiedNanos, long accessedNanos, boolean hasBirth, long birthNanos) {
}
