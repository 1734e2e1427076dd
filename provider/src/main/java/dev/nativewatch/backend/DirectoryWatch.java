package dev.nativewatch.backend;

import java.io.IOException;

/** One backend watch on one directory (or tree). Used only on the service's poller thread. */
public interface DirectoryWatch {

    /** Replaces what is watched, as a re-registration of the same directory asks. */
    void respecify(WatchSpec spec) throws IOException;

    /** Stops watching and releases every resource the watch holds. Idempotent. */
    void cancel();
}
