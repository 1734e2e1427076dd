package dev.nativewatch.tck;

import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/** A watch service of no provider at all, for checks that a provider rejects services not its own. */
final class ForeignWatchService implements WatchService {

    @Override
    public void close() {
    }

    @Override
    public WatchKey poll() {
        return null;
    }

    @Override
    public WatchKey poll(long timeout, TimeUnit unit) {
        return null;
    }

    @Override
    public WatchKey take() {
        throw new UnsupportedOperationException("a stand-in that never signals");
    }
}
