package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.nio.file.Path;

/** {@code renameat2(RENAME_EXCHANGE)}, which the JDK cannot do: it swaps two entries in one step. */
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
        int result = renameat2(AT_FDCWD, FileNames.toCString(a), AT_FDCWD, FileNames.toCString(b), RENAME_EXCHANGE);
        return result == 0 ? 0 : Native.getLastError();
    }
}
