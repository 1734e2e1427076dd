package dev.nativewatch.spi;

import java.lang.ref.WeakReference;
import java.nio.file.FileSystem;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * One nativewatch file system per delegate file system, held weakly on both sides: a wrapper lives as long as
 * one of its paths (or watch services) does, and never keeps its delegate alive.
 */
final class FileSystemCache {

    // The wrapper refers to its delegate, so a strong value would keep the weak key alive for good.
    private final Map<FileSystem, WeakReference<NativeWatchFileSystem>> wrappers = new WeakHashMap<>();

    /** @return the wrapper of {@code delegate}, made by {@code factory} if there is none alive */
    synchronized NativeWatchFileSystem get(FileSystem delegate,
                                           Function<FileSystem, NativeWatchFileSystem> factory) {
        WeakReference<NativeWatchFileSystem> reference = wrappers.get(delegate);
        NativeWatchFileSystem wrapper = reference == null ? null : reference.get();
        if (wrapper == null) {
            wrapper = factory.apply(delegate);
            wrappers.put(delegate, new WeakReference<>(wrapper));
        }
        return wrapper;
    }
}
