package dev.nativewatch.backend.windows;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Every Win32 call of the Windows backend, behind one narrow seam with two adapters: {@link JnaWin32Io} calls
 * kernel32 in this process (production, on Windows), and the tests' {@code WineBridgeIo} has a helper program
 * make the same calls under Wine (on Linux). One instance owns one I/O completion port and serves one watch service.
 *
 * <p>The memory of an overlapped read belongs to the adapter: it is native memory that stays allocated until the
 * read's completion has been dequeued, even if the handle was closed first. Every method except {@link #wakeup()}
 * is called on the service's poller thread only.
 */
public interface Win32Io extends AutoCloseable {

    /** The completion key of {@link #wakeup()}'s packets; watch keys are never this value. */
    long WAKEUP_KEY = 0;

    /** {@link #dequeue}'s timeout that waits without limit. */
    long INFINITE = -1;

    /** Opens one instance, with its completion port. */
    @FunctionalInterface
    interface Factory {
        Win32Io open() throws IOException;
    }

    /**
     * @param absolute an absolute, normalized path of the file system being watched
     * @return the DOS path Win32 calls see for it, such as {@code C:\dir} or {@code \\server\share\dir}; without
     *         the {@code \\?\} prefix, which the caller adds where needed
     */
    String win32Path(Path absolute);

    /**
     * {@code CreateFileW(path, FILE_LIST_DIRECTORY, FILE_SHARE_READ|FILE_SHARE_WRITE|FILE_SHARE_DELETE,
     * OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS|FILE_FLAG_OVERLAPPED)}.
     *
     * @return the handle
     */
    long openDirectory(String path) throws IOException;

    /** {@code GetFileInformationByHandle}. */
    FileInfo fileInfo(long handle) throws IOException;

    /** {@code GetFinalPathNameByHandleW(FILE_NAME_NORMALIZED|VOLUME_NAME_DOS)}; usually starts with {@code \\?\}. */
    String finalPath(long handle) throws IOException;

    /** {@code GetLongPathNameW}: expands 8.3 short names. */
    String longPathName(String path) throws IOException;

    /** {@code CreateIoCompletionPort(handle, port, key)}: the handle's completions carry {@code key}. */
    void associate(long handle, long key) throws IOException;

    /**
     * Starts an overlapped {@code ReadDirectoryChangesW} into the adapter's memory for this handle, with a NULL
     * {@code lpBytesReturned}. At most one read per handle is outstanding.
     *
     * @throws Win32CallException if the call failed at once; then no completion will come for it
     */
    void readChanges(long handle, int bufferSize, boolean subtree, int filter) throws IOException;

    /**
     * {@code GetQueuedCompletionStatus}: the next completion, with a copy of its read's bytes taken as it was
     * dequeued (after which the adapter may reuse the read's memory).
     *
     * @param timeoutMillis at most this long, or {@link #INFINITE}
     * @return the completion, or null if the timeout passed
     */
    Completion dequeue(long timeoutMillis) throws IOException;

    /** {@code PostQueuedCompletionStatus(port, 0, WAKEUP_KEY, NULL)}. Callable from any thread; never throws. */
    void wakeup();

    /**
     * {@code CancelIoEx(handle, the handle's OVERLAPPED)}. The aborted read still completes, and its completion
     * must be dequeued before the read's memory is free.
     *
     * @throws Win32CallException with {@code ERROR_NOT_FOUND} if no read was pending
     */
    void cancel(long handle) throws IOException;

    /** {@code CloseHandle}; a read still pending keeps its memory until its completion is dequeued. */
    void closeHandle(long handle) throws IOException;

    /** Closes the completion port and releases what is left. */
    @Override
    void close() throws IOException;

    /**
     * {@code BY_HANDLE_FILE_INFORMATION}'s identity and attributes.
     *
     * @param volumeSerial {@code dwVolumeSerialNumber}
     * @param indexHigh    {@code nFileIndexHigh}
     * @param indexLow     {@code nFileIndexLow}
     * @param attributes   {@code dwFileAttributes}
     */
    record FileInfo(int volumeSerial, int indexHigh, int indexLow, int attributes) {

        static final int FILE_ATTRIBUTE_DIRECTORY = 0x10;

        boolean isDirectory() {
            return (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        }

        /** @return what identifies the file on its volume, as the JDK's {@code FileKey} does */
        DirectoryKey key() {
            return new DirectoryKey(volumeSerial, indexHigh, indexLow);
        }
    }

    /**
     * One dequeued completion.
     *
     * @param key   the completion key: {@link #WAKEUP_KEY} or a watch handle's
     * @param bytes the number of bytes transferred, as reported
     * @param error 0 for success, else the Win32 error code of the completed operation
     * @param data  the first {@code min(bytes, buffer size)} bytes of the read's buffer
     */
    record Completion(long key, int bytes, int error, byte[] data) {
    }

    /** A directory's identity: volume serial number and file index. */
    record DirectoryKey(int volumeSerial, int indexHigh, int indexLow) {
    }
}
