package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Win32Io whose completions the test scripts, behaving as Windows documents: a cancelled read still
 * completes (ERROR_OPERATION_ABORTED, queued behind what is already queued), a read that has already completed
 * cannot be cancelled (ERROR_NOT_FOUND), one read per handle. A dequeue that finds nothing logs so. Every call
 * goes into one log shared with {@link Sink}, so that tests can check the order of calls and reports.
 */
final class ScriptedWin32Io implements Win32Io {

    static final String DOS_ROOT = "C:\\w";

    final List<String> log = new ArrayList<>();
    final Deque<Completion> queue = new ArrayDeque<>();
    final Map<Long, Long> keyByHandle = new LinkedHashMap<>();
    final Map<Long, Boolean> pending = new HashMap<>();
    final Map<String, String> longNames = new HashMap<>();
    final Deque<Integer> readErrors = new ArrayDeque<>();
    final List<String> violations = new ArrayList<>();
    Integer openError;
    FileInfo info = new FileInfo(7, 0, 42, FileInfo.FILE_ATTRIBUTE_DIRECTORY);
    String finalPath = "\\\\?\\" + DOS_ROOT;
    private long nextHandle = 100;
    boolean closed;

    @Override
    public String win32Path(Path absolute) {
        return DOS_ROOT;
    }

    @Override
    public long openDirectory(String path) throws IOException {
        if (openError != null) {
            throw new Win32CallException("CreateFileW", openError);
        }
        long handle = nextHandle++;
        log.add("open " + handle);
        return handle;
    }

    @Override
    public FileInfo fileInfo(long handle) {
        return info;
    }

    @Override
    public String finalPath(long handle) {
        return finalPath;
    }

    @Override
    public String longPathName(String path) throws IOException {
        log.add("long " + path);
        String expanded = longNames.get(path);
        if (expanded == null) {
            throw new Win32CallException("GetLongPathNameW", Win32Errors.ERROR_FILE_NOT_FOUND);
        }
        return expanded;
    }

    @Override
    public void associate(long handle, long key) {
        keyByHandle.put(handle, key);
    }

    @Override
    public void readChanges(long handle, int bufferSize, boolean subtree, int filter) throws IOException {
        log.add("read " + handle + " " + bufferSize + " 0x" + Integer.toHexString(filter));
        if (Boolean.TRUE.equals(pending.get(handle))) {
            violations.add("second read on " + handle);
        }
        Integer error = readErrors.poll();
        if (error != null && error != 0) {
            throw new Win32CallException("ReadDirectoryChangesW", error);
        }
        pending.put(handle, true);
    }

    @Override
    public Completion dequeue(long timeoutMillis) {
        Completion next = queue.poll();
        if (next != null) {
            handleOfKey(next.key()).ifPresent(handle -> pending.put(handle, false));
            log.add("dequeue " + next.key() + " " + next.error());
        } else if (log.isEmpty() || !log.get(log.size() - 1).equals("dequeue nothing")) {
            log.add("dequeue nothing"); // once for a run of them: a wait that spins would fill the heap
        }
        return next;
    }

    @Override
    public void wakeup() {
        queue.add(new Completion(WAKEUP_KEY, 0, 0, new byte[0]));
    }

    @Override
    public void cancel(long handle) throws IOException {
        log.add("cancel " + handle);
        long key = keyByHandle.get(handle);
        boolean completed = queue.stream().anyMatch(queued -> queued.key() == key);
        if (!Boolean.TRUE.equals(pending.get(handle)) || completed) {
            // As on Windows: a read whose completion is already queued is no longer there to cancel.
            throw new Win32CallException("CancelIoEx", Win32Errors.ERROR_NOT_FOUND);
        }
        queue.add(new Completion(keyByHandle.get(handle), 0, Win32Errors.ERROR_OPERATION_ABORTED, new byte[0]));
    }

    @Override
    public void closeHandle(long handle) {
        log.add("close " + handle);
        if (Boolean.TRUE.equals(pending.get(handle))) {
            violations.add("closed " + handle + " with its read still pending");
        }
    }

    @Override
    public void close() {
        closed = true;
        log.add("close port");
    }

    // ---- scripting

    /** @return the n-th handle opened (0 first) */
    long handle(int n) {
        return new ArrayList<>(keyByHandle.keySet()).get(n);
    }

    /** Completes the n-th handle's read with these bytes. */
    void complete(int n, byte[] data) {
        queue.add(new Completion(keyByHandle.get(handle(n)), data.length, 0, data));
    }

    void fail(int n, int error) {
        queue.add(new Completion(keyByHandle.get(handle(n)), 0, error, new byte[0]));
    }

    private java.util.Optional<Long> handleOfKey(long key) {
        return keyByHandle.entrySet().stream().filter(e -> e.getValue() == key).map(Map.Entry::getKey).findFirst();
    }

    /** A sink that writes into the same log. */
    final class Sink implements ChangeSink {
        @Override
        public void changed(Change change, Path relative) {
            log.add(change + " " + relative);
        }

        @Override
        public void renamed(Path from, Path to) {
            log.add("RENAMED " + from + " -> " + to);
        }

        @Override
        public void overflowed() {
            log.add("OVERFLOW");
        }

        @Override
        public void invalidated(String reason) {
            log.add("INVALIDATED " + reason);
        }
    }
}
