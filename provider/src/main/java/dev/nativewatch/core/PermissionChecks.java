package dev.nativewatch.core;

import java.io.File;
import java.io.FilePermission;
import java.nio.file.Path;

/**
 * The caller's permissions that registering a directory needs under a SecurityManager (JDK 17 to 23), as the JDK
 * checks them: read on the directory (its paths' {@code register}), and for a whole tree read on {@code dir/-}
 * (its Windows service, the one with {@code FILE_TREE}). Paths of other file systems (jimfs, say) have no file
 * permissions to check.
 */
@SuppressWarnings("removal") // SecurityManager: deprecated for removal, still honoured by JDK 17-23.
final class PermissionChecks {

    private PermissionChecks() {
    }

    static void checkRead(Path directory) {
        SecurityManager sm = System.getSecurityManager();
        if (sm != null && isPlatformFile(directory)) {
            sm.checkRead(directory.toString());
        }
    }

    static void checkReadSubtree(Path directory) {
        SecurityManager sm = System.getSecurityManager();
        if (sm != null && isPlatformFile(directory)) {
            sm.checkPermission(new FilePermission(directory + File.separator + "-", "read"));
        }
    }

    private static boolean isPlatformFile(Path path) {
        return path != null && "file".equalsIgnoreCase(path.getFileSystem().provider().getScheme());
    }
}
