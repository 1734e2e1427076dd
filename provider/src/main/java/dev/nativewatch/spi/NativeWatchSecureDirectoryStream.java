package dev.nativewatch.spi;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Objects;
import java.util.Set;

/** A delegate's secure directory stream: paths in are unwrapped, entries and sub-streams out are wrapped. */
final class NativeWatchSecureDirectoryStream extends NativeWatchDirectoryStream
        implements SecureDirectoryStream<Path> {

    private final SecureDirectoryStream<Path> delegate;

    NativeWatchSecureDirectoryStream(SecureDirectoryStream<Path> delegate, NativeWatchFileSystem fileSystem) {
        super(delegate, fileSystem);
        this.delegate = delegate;
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) throws IOException {
        return new NativeWatchSecureDirectoryStream(
                delegate.newDirectoryStream(NativeWatchPath.delegateOf(path), options), fileSystem());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attributes) throws IOException {
        return delegate.newByteChannel(NativeWatchPath.delegateOf(path), options, attributes);
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        delegate.deleteFile(NativeWatchPath.delegateOf(path));
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        delegate.deleteDirectory(NativeWatchPath.delegateOf(path));
    }

    /** Moves between two streams of this provider; as in the JDK, a foreign target stream is a mismatch. */
    @Override
    public void move(Path source, SecureDirectoryStream<Path> targetDirectory, Path target) throws IOException {
        Path sourceDelegate = NativeWatchPath.delegateOf(source);
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        if (!(targetDirectory instanceof NativeWatchSecureDirectoryStream ours)) {
            throw new ProviderMismatchException("not a nativewatch directory stream");
        }
        delegate.move(sourceDelegate, ours.delegate, NativeWatchPath.delegateOf(target));
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
        return delegate.getFileAttributeView(type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return delegate.getFileAttributeView(NativeWatchPath.delegateOf(path), type, options);
    }
}
