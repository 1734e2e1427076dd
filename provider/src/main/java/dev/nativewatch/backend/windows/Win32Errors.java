package dev.nativewatch.backend.windows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;

/** The Win32 error codes the backend reacts to, and their names for messages (the bridge has no FormatMessage). */
final class Win32Errors {

    static final int ERROR_INVALID_FUNCTION = 1;
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_PATH_NOT_FOUND = 3;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_INVALID_HANDLE = 6;
    static final int ERROR_NOT_READY = 21;
    static final int ERROR_SHARING_VIOLATION = 32;
    static final int ERROR_BAD_NETPATH = 53;
    static final int ERROR_NETNAME_DELETED = 64;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_BUSY = 170;
    static final int WAIT_TIMEOUT = 258;
    static final int ERROR_DIRECTORY = 267;
    static final int ERROR_MORE_DATA = 234;
    static final int ERROR_DELETE_PENDING = 303;
    static final int ERROR_OPERATION_ABORTED = 995;
    static final int ERROR_NOTIFY_ENUM_DIR = 1022;
    static final int ERROR_NOT_FOUND = 1168;
    static final int ERROR_DEVICE_NOT_CONNECTED = 1167;
    static final int ERROR_DEV_NOT_EXIST = 55;
    static final int ERROR_UNEXP_NET_ERR = 59;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ERROR_INVALID_FUNCTION, "ERROR_INVALID_FUNCTION"),
            Map.entry(ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND"),
            Map.entry(ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND"),
            Map.entry(ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED"),
            Map.entry(ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE"),
            Map.entry(ERROR_NOT_READY, "ERROR_NOT_READY"),
            Map.entry(ERROR_SHARING_VIOLATION, "ERROR_SHARING_VIOLATION"),
            Map.entry(ERROR_BAD_NETPATH, "ERROR_BAD_NETPATH"),
            Map.entry(ERROR_DEV_NOT_EXIST, "ERROR_DEV_NOT_EXIST"),
            Map.entry(ERROR_UNEXP_NET_ERR, "ERROR_UNEXP_NET_ERR"),
            Map.entry(ERROR_NETNAME_DELETED, "ERROR_NETNAME_DELETED"),
            Map.entry(ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER"),
            Map.entry(ERROR_BUSY, "ERROR_BUSY"),
            Map.entry(WAIT_TIMEOUT, "WAIT_TIMEOUT"),
            Map.entry(ERROR_DIRECTORY, "ERROR_DIRECTORY"),
            Map.entry(ERROR_MORE_DATA, "ERROR_MORE_DATA"),
            Map.entry(ERROR_DELETE_PENDING, "ERROR_DELETE_PENDING"),
            Map.entry(ERROR_OPERATION_ABORTED, "ERROR_OPERATION_ABORTED"),
            Map.entry(ERROR_NOTIFY_ENUM_DIR, "ERROR_NOTIFY_ENUM_DIR"),
            Map.entry(ERROR_DEVICE_NOT_CONNECTED, "ERROR_DEVICE_NOT_CONNECTED"),
            Map.entry(ERROR_NOT_FOUND, "ERROR_NOT_FOUND"));

    private Win32Errors() {
    }

    /** @return "error 5 (ERROR_ACCESS_DENIED)", or "error N" for codes without a name here */
    static String describe(int error) {
        String name = NAMES.get(error);
        return name == null ? "error " + error : "error " + error + " (" + name + ")";
    }

    /** @return whether the error says the volume, device or network share under a watch is gone */
    static boolean isVolumeGone(int error) {
        return error == ERROR_NOT_READY || error == ERROR_BAD_NETPATH || error == ERROR_NETNAME_DELETED
                || error == ERROR_DEV_NOT_EXIST || error == ERROR_UNEXP_NET_ERR
                || error == ERROR_DEVICE_NOT_CONNECTED || error == ERROR_INVALID_HANDLE
                || error == ERROR_OPERATION_ABORTED;
    }

    /** @return the exception the JDK would throw for a directory that CreateFileW could not open */
    static IOException openFailure(Path root, Win32CallException e) {
        IOException translated = switch (e.error()) {
            case ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND -> new NoSuchFileException(root.toString());
            case ERROR_ACCESS_DENIED -> new AccessDeniedException(root.toString(), null, e.getMessage());
            case ERROR_DIRECTORY -> new NotDirectoryException(root.toString());
            default -> new FileSystemException(root.toString(), null, e.getMessage());
        };
        translated.initCause(e);
        return translated;
    }

    /** @return the exception for a first ReadDirectoryChangesW that failed; ERROR_INVALID_FUNCTION points to polling */
    static IOException readFailure(Path root, int error) {
        if (error == ERROR_INVALID_FUNCTION) {
            return new FileSystemException(root.toString(), null, "the file system has no change notification"
                    + " (ReadDirectoryChangesW: " + describe(error) + "); watch it with the polling"
                    + " backend instead: -Ddev.nativewatch.backend=polling");
        }
        return new FileSystemException(root.toString(), null, "ReadDirectoryChangesW failed: "
                + describe(error));
    }
}
