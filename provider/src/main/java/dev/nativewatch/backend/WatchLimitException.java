package dev.nativewatch.backend;

import java.io.IOException;

/**
 * A registration failed because a limit of the system on watches was reached (on Linux,
 * {@code fs.inotify.max_user_watches}), not because of the directory: raising the limit, or excluding
 * directories, lets the same registration succeed. Its message names the limit and how to raise it.
 */
public class WatchLimitException extends IOException {

    private static final long serialVersionUID = 1L;

    public WatchLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
