package dev.nativewatch.backend.tree;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.util.Arrays;

/**
 * The file operations the JDK cannot do, on Linux, through libc: names as raw bytes (so that names which are not
 * valid in the JVM's charset can be made) and {@code renameat2(RENAME_EXCHANGE)}. Paths are absolute byte paths.
 */
final class RawFiles {

    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;
    private static final long SYS_RENAMEAT2_X86_64 = 316;
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_CLOEXEC = 02000000;

    /** The slice of libc these tests call; each call sets errno, which JNA turns into the exception. */
    private interface LibC extends Library {
        int mkdir(byte[] path, int mode) throws LastErrorException;

        int open(byte[] path, int flags, int mode) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int rename(byte[] from, byte[] to) throws LastErrorException;

        int renameat2(int fromDir, byte[] from, int toDir, byte[] to, int flags) throws LastErrorException;

        long syscall(long number, Object... arguments) throws LastErrorException;

        int unlink(byte[] path) throws LastErrorException;

        int rmdir(byte[] path) throws LastErrorException;
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private RawFiles() {
    }

    static void mkdir(byte[] path) throws IOException {
        call("mkdir", path, () -> LIBC.mkdir(c(path), 0755));
    }

    /** Creates an empty file; fails if the name exists. */
    static void createFile(byte[] path) throws IOException {
        call("open", path, () -> LIBC.close(LIBC.open(c(path), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)));
    }

    /** rename(2): atomically replaces an existing file, or an existing empty directory. */
    static void rename(byte[] from, byte[] to) throws IOException {
        call("rename", from, () -> LIBC.rename(c(from), c(to)));
    }

    /** Swaps two entries atomically; both must exist. */
    static void exchange(byte[] a, byte[] b) throws IOException {
        try {
            call("renameat2", a, () -> LIBC.renameat2(AT_FDCWD, c(a), AT_FDCWD, c(b), RENAME_EXCHANGE));
        } catch (UnsatisfiedLinkError noWrapper) {
            // A libc older than 2.28 has no wrapper; the system call itself has been there since Linux 3.15.
            call("renameat2", a, () -> (int) LIBC.syscall(SYS_RENAMEAT2_X86_64,
                    AT_FDCWD, c(a), AT_FDCWD, c(b), RENAME_EXCHANGE));
        }
    }

    static void unlink(byte[] path) throws IOException {
        call("unlink", path, () -> LIBC.unlink(c(path)));
    }

    static void rmdir(byte[] path) throws IOException {
        call("rmdir", path, () -> LIBC.rmdir(c(path)));
    }

    private interface Call {
        int run();
    }

    private static void call(String name, byte[] path, Call call) throws IOException {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new IOException(name + "(" + RawPaths.printable(path) + "): errno " + e.getErrorCode(), e);
        }
    }

    private static byte[] c(byte[] path) {
        return Arrays.copyOf(path, path.length + 1);
    }
}
