package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.ExcludingSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.backend.windows.FileNotifyDecoder.Decoded;
import dev.nativewatch.backend.windows.FileNotifyDecoder.NotifyRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_ADDED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_MODIFIED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_REMOVED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_RENAMED_NEW_NAME;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_RENAMED_OLD_NAME;

/**
 * One watched directory (or tree): its handles (see {@link NotifyFilters}), their completions turned into
 * changes, and the checks that tell when the directory is gone.
 *
 * <p><b>Renames.</b> {@code RENAMED_OLD_NAME} is held until {@code RENAMED_NEW_NAME} follows, even in a later
 * completion, and the pair reported through {@link ChangeSink#renamed} when the spec pairs renames. Anything else
 * from the same handle, an overflow, or a liveness check that finds the old name held longer than its interval
 * flushes it as DELETED.
 *
 * <p><b>The directory itself.</b> The key is invalidated, and its handles closed at once, when
 * <ul>
 *   <li>its pending read fails: ERROR_ACCESS_DENIED when it is deleted on Windows, ERROR_OPERATION_ABORTED or a
 *       network error when the volume or share goes away;</li>
 *   <li>it is renamed or moved, even inside its volume: its final path ({@code GetFinalPathNameByHandleW}) is
 *       compared after every completion and at every liveness check, and a changed one invalidates the key, since
 *       event paths would otherwise resolve against a path that no longer names it (Windows reports nothing for
 *       this, and the JDK does not notice);</li>
 *   <li>its path no longer opens, or opens another directory: checked at every liveness check, because Wine
 *       completes nothing when the directory is deleted.</li>
 * </ul>
 */
final class WindowsWatch implements DirectoryWatch {

    private static final System.Logger LOG = System.getLogger(WindowsWatch.class.getName());

    private final WindowsEngine engine;
    private final Win32Io io;
    private final Path root;
    private final String dosPath;
    private final String openPath;
    /** The key's sink behind the registration's exclusions: one handle covers the tree, so they are applied here. */
    private final ExcludingSink sink;
    private WatchSpec spec;
    private List<NotifyHandle> handles = List.of();
    private Win32Io.DirectoryKey identity;
    private String finalPath;
    private String longRoot;
    private boolean active = true;
    private Path pendingOld;
    private long pendingOldSince;

    WindowsWatch(WindowsEngine engine, Win32Io io, Path root, WatchSpec spec, ChangeSink sink) {
        this.engine = engine;
        this.io = io;
        this.root = root;
        this.dosPath = io.win32Path(root);
        this.openPath = LongPaths.forCalls(dosPath);
        this.spec = spec;
        this.sink = new ExcludingSink(sink, spec.exclusions());
    }

    /** Opens and arms every handle; returns once every first read is armed. */
    void start() throws IOException {
        handles = open(spec);
        long first = handles.get(0).handle;
        try {
            identity = WindowsEngine.directoryInfo(io, first, root).key();
        } catch (IOException e) {
            engine.release(handles, false);
            throw e;
        }
        finalPath = optional(() -> io.finalPath(first));
    }

    @Override
    public void respecify(WatchSpec replacement) throws IOException {
        if (!active) {
            return;
        }
        sink.use(replacement.exclusions());
        if (NotifyFilters.plan(replacement).equals(NotifyFilters.plan(spec)) && replacement.subtree() == spec.subtree()
                && bufferSize(replacement) == bufferSize(spec)) {
            spec = replacement;
            if (!spec.pairRenames()) {
                flushPendingOld();
            }
            return;
        }
        // The new handles are armed before the old ones go, so that no change falls between them.
        List<NotifyHandle> fresh = open(replacement);
        List<NotifyHandle> old = handles;
        handles = fresh;
        spec = replacement;
        engine.release(old, true);
    }

    @Override
    public void cancel() {
        if (active) {
            active = false;
            pendingOld = null;
            engine.release(handles, false);
            engine.forget(this);
        }
    }

    // ---- from the engine

    void completed(NotifyHandle handle, Win32Io.Completion completion) throws IOException {
        handle.readPending = false;
        if (!active) {
            return;
        }
        int error = completion.error();
        if (readFailed(error)) {
            failed(error);
            return;
        }
        int rearmError = engine.arm(handle); // before decoding, so that the kernel is never left without a buffer
        consume(handle, completion);
        if (rearmError != 0) {
            failed(rearmError);
        } else if (active) {
            renamedTo().ifPresent(this::invalidate);
        }
    }

    /**
     * The last completion of a handle that a re-specify released: its records, or the overflow it reports, since
     * the handles that replaced it never saw those changes. Its cancel's own abort, or a failure on the way out,
     * reports nothing: the replacing handles watch on.
     */
    void lateData(NotifyHandle handle, Win32Io.Completion completion) throws IOException {
        if (active && !readFailed(completion.error())) {
            consume(handle, completion);
        }
    }

    /** The liveness check: an overdue rename half, and whether the directory is still where it was. */
    void checkAlive(long now) throws IOException {
        if (!active) {
            return;
        }
        if (pendingOld != null && now - pendingOldSince >= engine.livenessNanos()) {
            flushPendingOld();
        }
        Optional<String> gone = renamedTo();
        if (gone.isEmpty()) {
            gone = pathLost();
        }
        gone.ifPresent(this::invalidate);
    }

    // ---- records

    /** @return whether a completion's error ends the watch; an overflow and ERROR_MORE_DATA do not */
    private static boolean readFailed(int error) {
        return error != 0 && error != Win32Errors.ERROR_NOTIFY_ENUM_DIR && error != Win32Errors.ERROR_MORE_DATA;
    }

    /** Decodes a completed read's records, or reports the overflow that an empty or ENUM_DIR completion is. */
    private void consume(NotifyHandle handle, Win32Io.Completion completion) throws IOException {
        if (completion.bytes() > 0 && completion.error() != Win32Errors.ERROR_NOTIFY_ENUM_DIR) {
            deliver(handle, completion);
        } else {
            engine.warnOfOverflow(root, handle.bufferSize);
            overflowed();
        }
    }

    private void deliver(NotifyHandle handle, Win32Io.Completion completion) throws IOException {
        byte[] data = completion.data();
        if (data.length != completion.bytes()) {
            LOG.log(System.Logger.Level.WARNING, root + ": " + completion.bytes() + " bytes reported, "
                    + data.length + " in the buffer; reporting an overflow");
            overflowed();
            return;
        }
        Decoded decoded = FileNotifyDecoder.decode(data, 0, data.length);
        for (NotifyRecord record : decoded.records()) {
            if (!active) {
                return;
            }
            record(handle, record);
        }
        if (decoded.malformed()) {
            LOG.log(System.Logger.Level.WARNING, root + ": malformed change buffer, reporting an overflow: "
                    + decoded.malformation());
            overflowed();
        }
    }

    private void record(NotifyHandle handle, NotifyRecord record) throws IOException {
        int action = record.action();
        if (record.name().isEmpty()) {
            engine.checkSoon(); // a record about the directory itself: it may be going away
            return;
        }
        boolean names = handle.group.reportsNames();
        if (!names && action != FILE_ACTION_MODIFIED) {
            return;
        }
        Path path = resolve(record.name(), action);
        if (path == null) {
            // A name that is unsafe or that this file system cannot represent: the change is lost, not hidden.
            LOG.log(System.Logger.Level.WARNING, root + ": unusable name in a change record, reporting an overflow: "
                    + record.name());
            overflowed();
            return;
        }
        if (!names) {
            sink.changed(handle.group.modifiedAs(), path);
            return;
        }
        recordNamed(handle, action, path);
    }

    /** A record of a handle that reports names: renames are paired when the spec asks for it. */
    private void recordNamed(NotifyHandle handle, int action, Path path) {
        switch (action) {
            case FILE_ACTION_RENAMED_OLD_NAME -> {
                flushPendingOld();
                if (spec.pairRenames()) {
                    pendingOld = path;
                    pendingOldSince = System.nanoTime();
                } else {
                    sink.changed(Change.DELETED, path);
                }
            }
            case FILE_ACTION_RENAMED_NEW_NAME -> {
                if (pendingOld != null) {
                    Path from = pendingOld;
                    pendingOld = null;
                    sink.renamed(from, path);
                } else {
                    sink.changed(Change.CREATED, path);
                }
            }
            case FILE_ACTION_ADDED -> {
                flushPendingOld();
                sink.changed(Change.CREATED, path);
            }
            case FILE_ACTION_REMOVED -> {
                flushPendingOld();
                sink.changed(Change.DELETED, path);
            }
            default -> {
                flushPendingOld();
                sink.changed(handle.group.modifiedAs(), path);
            }
        }
    }

    /** @return the record's path, with 8.3 short names expanded where the entry still exists; null if refused */
    private Path resolve(String name, int action) throws IOException {
        String expanded = name;
        if (name.indexOf('~') >= 0 && action != FILE_ACTION_REMOVED && action != FILE_ACTION_RENAMED_OLD_NAME) {
            expanded = expandShortNames(name);
        }
        return NotifyNames.relative(root.getFileSystem(), expanded);
    }

    private String expandShortNames(String name) throws IOException {
        String full;
        try {
            full = LongPaths.strip(io.longPathName(LongPaths.forCalls(LongPaths.join(dosPath, name))));
        } catch (Win32CallException e) {
            return name; // gone again already; the short name is all there is
        }
        if (longRoot == null) {
            // Looked up once, when first needed: the root may itself have been given by a short name.
            longRoot = Optional.ofNullable(optional(() -> LongPaths.strip(io.longPathName(openPath)))).orElse(dosPath);
        }
        String prefix = longRoot.endsWith("\\") ? longRoot : longRoot + "\\";
        if (full.length() > prefix.length() && full.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return full.substring(prefix.length());
        }
        return name;
    }

    private void flushPendingOld() {
        if (pendingOld != null) {
            Path old = pendingOld;
            pendingOld = null;
            sink.changed(Change.DELETED, old);
        }
    }

    private void overflowed() {
        flushPendingOld();
        sink.overflowed();
    }

    // ---- the directory itself

    private void failed(int error) throws IOException {
        String reason;
        if (error == Win32Errors.ERROR_ACCESS_DENIED || error == Win32Errors.ERROR_DELETE_PENDING) {
            reason = pathLost().orElse("the directory can no longer be read (" + Win32Errors.describe(error) + ")");
        } else if (Win32Errors.isVolumeGone(error)) {
            reason = "the volume or network share of the directory is gone (" + Win32Errors.describe(error) + ")";
        } else {
            reason = "ReadDirectoryChangesW failed (" + Win32Errors.describe(error) + ")";
        }
        invalidate(reason);
    }

    /** @return why the directory's final path shows it renamed or moved, or empty */
    private Optional<String> renamedTo() throws IOException {
        if (finalPath == null || handles.isEmpty()) {
            return Optional.empty();
        }
        String now;
        try {
            now = io.finalPath(handles.get(0).handle);
        } catch (Win32CallException e) {
            return Optional.empty(); // the path check decides
        }
        return LongPaths.same(now, finalPath) ? Optional.empty()
                : Optional.of("the directory was renamed or moved to " + LongPaths.strip(now));
    }

    /** @return why the directory's path no longer opens the watched directory, or empty (also if unsure) */
    private Optional<String> pathLost() throws IOException {
        long handle;
        try {
            handle = io.openDirectory(openPath);
        } catch (Win32CallException e) {
            int error = e.error();
            if (error == Win32Errors.ERROR_FILE_NOT_FOUND || error == Win32Errors.ERROR_PATH_NOT_FOUND) {
                return Optional.of("the directory was deleted or moved away");
            } else if (error == Win32Errors.ERROR_ACCESS_DENIED || error == Win32Errors.ERROR_DELETE_PENDING) {
                return Optional.of("the directory was deleted or can no longer be opened (" + Win32Errors.describe(error) + ")");
            } else if (Win32Errors.isVolumeGone(error)) {
                return Optional.of("the volume or network share of the directory is gone (" + Win32Errors.describe(error) + ")");
            }
            return Optional.empty();
        }
        try {
            Win32Io.FileInfo info = io.fileInfo(handle);
            return info.key().equals(identity) ? Optional.empty()
                    : Optional.of("the directory was replaced by another one at the same path");
        } catch (Win32CallException e) {
            return Optional.empty();
        } finally {
            WindowsEngine.closeQuietly(io, handle);
        }
    }

    private void invalidate(String reason) {
        if (!active) {
            return;
        }
        active = false;
        flushPendingOld();
        engine.release(handles, false);
        engine.forget(this);
        sink.invalidated(reason);
    }

    // ---- handles

    private List<NotifyHandle> open(WatchSpec spec) throws IOException {
        List<NotifyHandle> opened = new ArrayList<>();
        try {
            for (NotifyFilters.Group group : NotifyFilters.plan(spec)) {
                opened.add(engine.open(this, openPath, root, group, spec.subtree(), bufferSize(spec)));
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            engine.release(opened, false);
            throw e;
        }
    }

    private static int bufferSize(WatchSpec spec) {
        return spec.bufferSize().orElse(WindowsEngine.DEFAULT_BUFFER_SIZE);
    }

    private interface Call {
        String get() throws IOException;
    }

    /** @return the call's result, or null if the Win32 call failed (an adapter failure still throws) */
    private static String optional(Call call) throws IOException {
        try {
            return call.get();
        } catch (Win32CallException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "WindowsWatch[" + root + "]";
    }
}
