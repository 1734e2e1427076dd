package dev.nativewatch.backend.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Win32Io} through JNA, in this process: the production adapter on Windows.
 *
 * <p>Each handle's read uses one {@link Memory} block, {@code buffer | OVERLAPPED}, addressed only through
 * {@link Pointer}s. The block stays strongly referenced from the moment {@code ReadDirectoryChangesW} is called
 * until its completion is dequeued, and is freed only then or, for a handle without a pending read, when the
 * handle is closed. Errors are read with {@link Native#getLastError()} right after the failing call.
 */
final class JnaWin32Io implements Win32Io {

    private static final Kernel32Watch KW = Kernel32Watch.INSTANCE;
    /** sizeof(OVERLAPPED): Internal, InternalHigh (ULONG_PTR), Offset, OffsetHigh (DWORD), hEvent (HANDLE). */
    private static final int OVERLAPPED_SIZE = 3 * Native.POINTER_SIZE + 8;
    private static final int PATH_CHARS = 32_768;
    /** Blocks of reads still pending when their port was closed: kept for good, never freed under the kernel. */
    private static final java.util.Set<Memory> ORPHANS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Pointer port;
    /** Guards the port against wakeups from other threads while it is closed: Windows reuses handle values. */
    private final Object portLock = new Object();
    private boolean portClosed;
    // Guarded by this: dequeue and the others run on the poller thread, but the maps must not be seen half-made.
    private final Map<Long, Slot> slotsByHandle = new HashMap<>();
    private final Map<Long, Slot> slotsByOverlapped = new HashMap<>();

    JnaWin32Io() throws IOException {
        port = KW.CreateIoCompletionPort(new Pointer(Kernel32Watch.INVALID_HANDLE_VALUE), null, null, 1);
        if (port == null) {
            throw new Win32CallException("CreateIoCompletionPort", Native.getLastError());
        }
    }

    /** The memory of one handle's read. */
    private static final class Slot {
        final Pointer handle;
        Memory block;
        int size;
        boolean pending;
        boolean closed;

        Slot(Pointer handle) {
            this.handle = handle;
        }

        Pointer overlapped() {
            return block.share(align(size), OVERLAPPED_SIZE);
        }

        static long align(int size) {
            return (size + 7L) & ~7L;
        }
    }

    @Override
    public String win32Path(Path absolute) {
        return absolute.toString();
    }

    @Override
    public long openDirectory(String path) throws IOException {
        Pointer handle = KW.CreateFileW(new WString(path), Kernel32Watch.FILE_LIST_DIRECTORY,
                Kernel32Watch.FILE_SHARE_ALL, null, Kernel32Watch.OPEN_EXISTING,
                Kernel32Watch.FILE_FLAG_BACKUP_SEMANTICS | Kernel32Watch.FILE_FLAG_OVERLAPPED, null);
        long value = Pointer.nativeValue(handle);
        if (value == Kernel32Watch.INVALID_HANDLE_VALUE) {
            throw new Win32CallException("CreateFileW", Native.getLastError());
        }
        synchronized (this) {
            slotsByHandle.put(value, new Slot(handle));
        }
        return value;
    }

    @Override
    public FileInfo fileInfo(long handle) throws IOException {
        try (Memory info = new Memory(Kernel32Watch.BY_HANDLE_FILE_INFORMATION_SIZE)) {
            if (!KW.GetFileInformationByHandle(handleOf(handle), info)) {
                throw new Win32CallException("GetFileInformationByHandle", Native.getLastError());
            }
            // dwFileAttributes at 0, three FILETIMEs, dwVolumeSerialNumber at 28, nFileIndexHigh/Low at 44/48
            return new FileInfo(info.getInt(28), info.getInt(44), info.getInt(48), info.getInt(0));
        }
    }

    @Override
    public String finalPath(long handle) throws IOException {
        char[] path = new char[PATH_CHARS];
        int length = KW.GetFinalPathNameByHandleW(handleOf(handle), path, path.length, Kernel32Watch.FINAL_PATH_FLAGS);
        if (length == 0) {
            throw new Win32CallException("GetFinalPathNameByHandleW", Native.getLastError());
        }
        if (length >= path.length) {
            throw new Win32CallException("GetFinalPathNameByHandleW", 122); // ERROR_INSUFFICIENT_BUFFER
        }
        return new String(path, 0, length);
    }

    @Override
    public String longPathName(String path) throws IOException {
        char[] result = new char[PATH_CHARS];
        int length = KW.GetLongPathNameW(new WString(path), result, result.length);
        if (length == 0) {
            throw new Win32CallException("GetLongPathNameW", Native.getLastError());
        }
        if (length >= result.length) {
            throw new Win32CallException("GetLongPathNameW", 122); // ERROR_INSUFFICIENT_BUFFER
        }
        return new String(result, 0, length);
    }

    @Override
    public void associate(long handle, long key) throws IOException {
        if (KW.CreateIoCompletionPort(handleOf(handle), port, new Pointer(key), 0) == null) {
            throw new Win32CallException("CreateIoCompletionPort", Native.getLastError());
        }
    }

    @Override
    public synchronized void readChanges(long handle, int bufferSize, boolean subtree, int filter) throws IOException {
        Slot slot = slotsByHandle.get(handle);
        if (slot == null) {
            throw new Win32CallException("ReadDirectoryChangesW", Win32Errors.ERROR_INVALID_HANDLE);
        }
        if (slot.pending) {
            throw new Win32CallException("ReadDirectoryChangesW", Win32Errors.ERROR_BUSY);
        }
        if (slot.block == null || slot.size != bufferSize) {
            if (slot.block != null) {
                slot.block.close();
            }
            slot.block = new Memory(Slot.align(bufferSize) + OVERLAPPED_SIZE); // malloc'd: DWORD alignment holds
            slot.size = bufferSize;
        }
        Pointer overlapped = slot.overlapped();
        overlapped.clear(OVERLAPPED_SIZE);
        slot.pending = true;
        slotsByOverlapped.put(Pointer.nativeValue(overlapped), slot);
        if (!KW.ReadDirectoryChangesW(slot.handle, slot.block, bufferSize, subtree, filter, null, overlapped, null)) {
            int error = Native.getLastError();
            slot.pending = false; // failed at once: no completion will come
            slotsByOverlapped.remove(Pointer.nativeValue(overlapped));
            throw new Win32CallException("ReadDirectoryChangesW", error);
        }
    }

    @Override
    public Completion dequeue(long timeoutMillis) throws IOException {
        IntByReference bytes = new IntByReference();
        PointerByReference key = new PointerByReference(); // ULONG_PTR: pointer-sized
        PointerByReference overlapped = new PointerByReference();
        int timeout = timeoutMillis < 0 ? Kernel32Watch.INFINITE
                : (int) Math.min(timeoutMillis, Integer.MAX_VALUE - 1);
        boolean ok = KW.GetQueuedCompletionStatus(port, bytes, key, overlapped, timeout);
        int error = ok ? 0 : Native.getLastError();
        Pointer completed = overlapped.getValue();
        if (completed == null) {
            if (ok) {
                return new Completion(Pointer.nativeValue(key.getValue()), bytes.getValue(), 0, new byte[0]);
            }
            if (error == Win32Errors.WAIT_TIMEOUT) {
                return null;
            }
            throw new Win32CallException("GetQueuedCompletionStatus", error);
        }
        synchronized (this) {
            Slot slot = slotsByOverlapped.remove(Pointer.nativeValue(completed));
            byte[] data = new byte[0];
            if (slot != null) {
                slot.pending = false;
                int n = (int) Math.min(Integer.toUnsignedLong(bytes.getValue()), slot.size);
                data = slot.block.getByteArray(0, n);
                if (slot.closed) {
                    slot.block.close();
                    slot.block = null;
                }
            }
            return new Completion(Pointer.nativeValue(key.getValue()), bytes.getValue(), error, data);
        }
    }

    @Override
    public void wakeup() {
        synchronized (portLock) {
            // After close the value may already name another port, such as one of a JDK AsynchronousChannelGroup,
            // where a (key 0, NULL) packet ends one of its threads.
            if (!portClosed) {
                KW.PostQueuedCompletionStatus(port, 0, null, null); // key NULL: WAKEUP_KEY
            }
        }
    }

    /** @return the completion port's handle value, for tests that check it is not posted to after close */
    long portValue() {
        return Pointer.nativeValue(port);
    }

    @Override
    public void cancel(long handle) throws IOException {
        Pointer overlapped;
        synchronized (this) {
            Slot slot = slotsByHandle.get(handle);
            if (slot == null || slot.block == null) {
                throw new Win32CallException("CancelIoEx", Win32Errors.ERROR_NOT_FOUND);
            }
            overlapped = slot.overlapped();
        }
        if (!KW.CancelIoEx(handleOf(handle), overlapped)) {
            throw new Win32CallException("CancelIoEx", Native.getLastError());
        }
    }

    @Override
    public synchronized void closeHandle(long handle) throws IOException {
        Slot slot = slotsByHandle.remove(handle);
        boolean ok = KW.CloseHandle(handleOf(handle));
        int error = ok ? 0 : Native.getLastError();
        if (slot != null) {
            slot.closed = true;
            if (!slot.pending && slot.block != null) {
                slot.block.close();
                slot.block = null;
            }
        }
        if (!ok) {
            throw new Win32CallException("CloseHandle", error);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        synchronized (portLock) {
            if (portClosed) {
                return;
            }
            portClosed = true; // from here on no wakeup posts; one that is posting holds the lock until it is done
        }
        for (Slot slot : slotsByOverlapped.values()) {
            ORPHANS.add(slot.block);
        }
        slotsByOverlapped.clear();
        for (Slot slot : slotsByHandle.values()) {
            if (!slot.pending && slot.block != null) {
                slot.block.close();
            }
        }
        if (!KW.CloseHandle(port)) {
            throw new Win32CallException("CloseHandle", Native.getLastError());
        }
    }

    private static Pointer handleOf(long value) {
        return new Pointer(value);
    }
}
