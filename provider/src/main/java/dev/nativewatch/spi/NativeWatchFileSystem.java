package dev.nativewatch.spi;

import dev.nativewatch.backend.Backends;
import dev.nativewatch.core.NativeWatchService;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Set;

/**
 * A file system that wraps another one: everything is the delegate's, except that its paths are
 * {@link NativeWatchPath}s and its watch services are nativewatch's.
 */
public final class NativeWatchFileSystem extends FileSystem {

    private final NativeWatchFileSystemProvider provider;
    private final FileSystem delegate;
    private final boolean primary;

    /**
     * @param primary whether this is the provider's own file system over the JVM's file-scheme file system: its
     *                URIs are of the provider's scheme, and it cannot be closed
     */
    NativeWatchFileSystem(NativeWatchFileSystemProvider provider, FileSystem delegate, boolean primary) {
        this.provider = provider;
        this.delegate = delegate;
        this.primary = primary;
    }

    /** {@return the file system this one wraps} */
    public FileSystem delegate() {
        return delegate;
    }

    /** @return the path of this file system that wraps {@code delegatePath}, a path of the delegate */
    NativeWatchPath wrap(Path delegatePath) {
        return new NativeWatchPath(this, delegatePath);
    }

    @Override
    public NativeWatchFileSystemProvider provider() {
        return provider;
    }

    /**
     * Closes the delegate; the provider's own file system, like the JDK's default one, cannot be closed.
     *
     * @throws UnsupportedOperationException for the provider's own file system
     */
    @Override
    public void close() throws IOException {
        if (primary) {
            throw new UnsupportedOperationException("the file system over the default file system cannot be closed");
        }
        delegate.close();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return delegate.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return delegate.getSeparator();
    }

    /** The delegate's roots, asked for at each iteration, since a platform's roots can come and go. */
    @Override
    public Iterable<Path> getRootDirectories() {
        return () -> new WrappingIterator(delegate.getRootDirectories().iterator(), this);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return delegate.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return delegate.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(delegate.getPath(first, more));
    }

    /** The delegate's matcher, shown the delegate of each nativewatch path so that it sees its own kind. */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(path instanceof NativeWatchPath ours ? ours.delegate() : path);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return delegate.getUserPrincipalLookupService();
    }

    /**
     * {@return a nativewatch service on the best backend for the delegate; its event contexts are paths of this file
     * system}
     *
     * @throws ClosedFileSystemException if the delegate is closed
     */
    @Override
    public WatchService newWatchService() throws IOException {
        if (!delegate.isOpen()) {
            throw new ClosedFileSystemException();
        }
        return new NativeWatchService(Backends.select(delegate), delegate, this::wrap);
    }

    @Override
    public String toString() {
        return "NativeWatchFileSystem[" + delegate + "]";
    }

    // ---- for paths

    /** @return the URI of a delegate path: of the provider's scheme here, of the delegate's elsewhere */
    URI toUri(Path delegatePath) {
        URI uri = delegatePath.toUri();
        return primary ? provider.toOwnUri(uri) : uri;
    }

    /**
     * Returns the {@link File} of a delegate path. The primary file system names files of the platform: in
     * default-provider mode its delegate is no longer the JVM's default file system, and would refuse.
     */
    File toFile(Path delegatePath) {
        return primary ? new File(delegatePath.toString()) : delegatePath.toFile();
    }
}
