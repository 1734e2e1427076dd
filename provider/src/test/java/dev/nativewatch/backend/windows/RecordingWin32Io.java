package dev.nativewatch.backend.windows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The bridge of {@link WineBackendTest}: hands every call through, keeps the raw buffers of completed reads, and
 * notes the helper's counts when the engine closes it.
 */
final class RecordingWin32Io implements Win32Io {
    private final WineBridgeIo io;
    private final List<WineBridgeIo.Stats> statsAtClose;
    private final List<byte[]> buffers;

    RecordingWin32Io(WineBridgeIo io, List<WineBridgeIo.Stats> statsAtClose, List<byte[]> buffers) {
        this.io = io;
        this.statsAtClose = statsAtClose;
        this.buffers = buffers;
    }

    @Override public String win32Path(Path absolute) { return io.win32Path(absolute); }
    @Override public long openDirectory(String path) throws IOException { return io.openDirectory(path); }
    @Override public FileInfo fileInfo(long handle) throws IOException { return io.fileInfo(handle); }
    @Override public String finalPath(long handle) throws IOException { return io.finalPath(handle); }
    @Override public String longPathName(String path) throws IOException { return io.longPathName(path); }
    @Override public void associate(long handle, long key) throws IOException { io.associate(handle, key); }
    @Override public void readChanges(long handle, int size, boolean subtree, int filter) throws IOException {
        io.readChanges(handle, size, subtree, filter);
    }
    @Override
    public Completion dequeue(long timeoutMillis) throws IOException {
        Completion completion = io.dequeue(timeoutMillis);
        if (completion != null && completion.data().length > 0) {
            buffers.add(completion.data());
        }
        return completion;
    }

    @Override public void wakeup() { io.wakeup(); }
    @Override public void cancel(long handle) throws IOException { io.cancel(handle); }
    @Override public void closeHandle(long handle) throws IOException { io.closeHandle(handle); }

    @Override
    public void close() throws IOException {
        statsAtClose.add(io.stats());
        io.close();
    }
}
