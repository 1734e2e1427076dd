package dev.nativewatch.spi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Iterator;

/** A delegate's directory stream whose entries are handed out as nativewatch paths. */
class NativeWatchDirectoryStream implements DirectoryStream<Path> {

    private final DirectoryStream<Path> delegate;
    private final NativeWatchFileSystem fileSystem;

    NativeWatchDirectoryStream(DirectoryStream<Path> delegate, NativeWatchFileSystem fileSystem) {
        this.delegate = delegate;
        this.fileSystem = fileSystem;
    }

    /**
     * Wraps a delegate's stream, keeping it secure when it is: callers such as recursive deleters look for
     * {@link SecureDirectoryStream} to avoid races, and should find it here whenever the delegate offers it.
     */
    static DirectoryStream<Path> of(DirectoryStream<Path> delegate, NativeWatchFileSystem fileSystem) {
        if (delegate instanceof SecureDirectoryStream<Path> secure) {
            return new NativeWatchSecureDirectoryStream(secure, fileSystem);
        }
        return new NativeWatchDirectoryStream(delegate, fileSystem);
    }

    @Override
    public Iterator<Path> iterator() {
        return new WrappingIterator(delegate.iterator(), fileSystem);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    NativeWatchFileSystem fileSystem() {
        return fileSystem;
    }
}
