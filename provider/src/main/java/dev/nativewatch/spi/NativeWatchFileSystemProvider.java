package dev.nativewatch.spi;

import java.nio.file.Path;

/** Placeholder until the delegating provider lands. */
public final class NativeWatchFileSystemProvider {
    private NativeWatchFileSystemProvider() {
    }

    public static Path wrap(Path path) {
        throw new UnsupportedOperationException("not yet");
    }
}
