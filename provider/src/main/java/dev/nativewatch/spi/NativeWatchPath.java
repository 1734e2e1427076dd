package dev.nativewatch.spi;

import dev.nativewatch.core.NativeWatchService;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Iterator;
import java.util.Objects;

/**
 * A path of a {@link NativeWatchFileSystem}: a thin wrapper around a path of the file system it wraps, which
 * registers with nativewatch's watch service instead of the delegate's.
 */
public final class NativeWatchPath implements Path {

    private final NativeWatchFileSystem fileSystem;
    private final Path delegate;

    NativeWatchPath(NativeWatchFileSystem fileSystem, Path delegate) {
        this.fileSystem = fileSystem;
        this.delegate = delegate;
    }

    /** {@return the wrapped path, a path of {@link NativeWatchFileSystem#delegate()}} */
    public Path delegate() {
        return delegate;
    }

    /**
     * Returns the nativewatch path behind {@code path}, as the JDK's own paths and providers check theirs.
     *
     * @throws NullPointerException      if {@code path} is null
     * @throws ProviderMismatchException if it is not a nativewatch path
     */
    static NativeWatchPath cast(Path path) {
        Objects.requireNonNull(path, "path");
        if (path instanceof NativeWatchPath ours) {
            return ours;
        }
        throw new ProviderMismatchException("not a nativewatch path: " + path.getClass().getName());
    }

    /** @return the delegate of {@code path}, which must be a nativewatch path (see {@link #cast(Path)}) */
    static Path delegateOf(Path path) {
        return cast(path).delegate;
    }

    @Override
    public NativeWatchFileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return delegate.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrapNullable(delegate.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrapNullable(delegate.getFileName());
    }

    @Override
    public Path getParent() {
        return wrapNullable(delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return fileSystem.wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return fileSystem.wrap(delegate.subpath(beginIndex, endIndex));
    }

    /** A path of another provider never starts this one, as with the JDK's paths; it is not an error. */
    @Override
    public boolean startsWith(Path other) {
        return Objects.requireNonNull(other, "other") instanceof NativeWatchPath ours
                && delegate.startsWith(ours.delegate);
    }

    @Override
    public boolean startsWith(String other) {
        return delegate.startsWith(other);
    }

    /** A path of another provider never ends this one, as with the JDK's paths; it is not an error. */
    @Override
    public boolean endsWith(Path other) {
        return Objects.requireNonNull(other, "other") instanceof NativeWatchPath ours
                && delegate.endsWith(ours.delegate);
    }

    @Override
    public boolean endsWith(String other) {
        return delegate.endsWith(other);
    }

    @Override
    public Path normalize() {
        return fileSystem.wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return fileSystem.wrap(delegate.resolve(delegateOf(other)));
    }

    @Override
    public Path resolve(String other) {
        return fileSystem.wrap(delegate.resolve(other));
    }

    @Override
    public Path relativize(Path other) {
        return fileSystem.wrap(delegate.relativize(delegateOf(other)));
    }

    @Override
    public URI toUri() {
        return fileSystem.toUri(delegate);
    }

    @Override
    public Path toAbsolutePath() {
        return fileSystem.wrap(delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return fileSystem.wrap(delegate.toRealPath(options));
    }

    @Override
    public File toFile() {
        return fileSystem.toFile(delegate);
    }

    /**
     * Registers this directory with a nativewatch service of the same underlying file system. The service makes
     * every other check, in the JDK's order, and its keys' {@code watchable()} is this path.
     *
     * @throws NullPointerException      if {@code watcher} is null
     * @throws ProviderMismatchException if {@code watcher} is not a nativewatch service of this file system
     */
    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        Objects.requireNonNull(watcher, "watcher");
        if (!(watcher instanceof NativeWatchService service)) {
            throw new ProviderMismatchException("not a nativewatch watch service: " + watcher.getClass().getName());
        }
        if (service.fileSystem() != fileSystem.delegate()) {
            throw new ProviderMismatchException("the watch service watches another file system");
        }
        return service.register(delegate, this, events, modifiers);
    }

    @Override
    public Iterator<Path> iterator() {
        return new WrappingIterator(delegate.iterator(), fileSystem);
    }

    /** Orders by the delegates; like the JDK's paths, a path of another provider is a ClassCastException. */
    @Override
    public int compareTo(Path other) {
        return delegate.compareTo(((NativeWatchPath) other).delegate);
    }

    /** Equal when of the same file system and with equal delegates, as {@link Path#equals} requires. */
    @Override
    public boolean equals(Object other) {
        return other instanceof NativeWatchPath that && fileSystem == that.fileSystem
                && delegate.equals(that.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private Path wrapNullable(Path path) {
        return path == null ? null : fileSystem.wrap(path);
    }
}
