package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.nio.file.Path;

/**
 * {@code renameat2}, which the JDK does not expose: {@code RENAME_EXCHANGE} swaps two entries in one step, and a
 * plain rename replaces an empty directory in one step, where the JDK's move deletes it first.
 */
final class Exchange {

    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;

    static {
        Native.register(Exchange.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Exchange() {
    }

    private static native int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags);

    /** @return 0, or the errno of the failed call */
    static int directories(Path a, Path b) {
        return call(a, b, RENAME_EXCHANGE);
    }

    /** {@code rename(2)}: @return 0, or the errno of the failed call */
    static int renameOver(Path from, Path to) {
        return call(from, to, 0);
    }

    private static int call(Path a, Path b, int flags) {
        int result = renameat2(AT_FDCWD, FileNames.toCString(a), AT_FDCWD, FileNames.toCString(b), flags);
        return result == 0 ? 0 : Native.getLastError();
    }
}
