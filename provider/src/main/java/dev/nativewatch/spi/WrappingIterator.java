package dev.nativewatch.spi;

import java.nio.file.Path;
import java.util.Iterator;

/** Iterates over delegate paths, handing out each as a path of one nativewatch file system. */
final class WrappingIterator implements Iterator<Path> {

    private final Iterator<Path> delegate;
    private final NativeWatchFileSystem fileSystem;

    WrappingIterator(Iterator<Path> delegate, NativeWatchFileSystem fileSystem) {
        this.delegate = delegate;
        this.fileSystem = fileSystem;
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Path next() {
        return fileSystem.wrap(delegate.next());
    }
}
