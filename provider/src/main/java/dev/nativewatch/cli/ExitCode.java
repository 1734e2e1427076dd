package dev.nativewatch.cli;

/** The process's exit status. */
final class ExitCode {

    /**
     * Help or version printed; the watch stopped on request (by Ctrl-C or SIGTERM too), after
     * {@code --max-events}, or at the {@code --timeout} after events.
     */
    static final int OK = 0;

    /**
     * Watching ended on its own: no directory is watched any more, output or the service failed, or the
     * {@code --timeout} passed without an event.
     */
    static final int FAILURE = 1;

    /** Bad arguments, or a DIR that is missing or not a directory. */
    static final int USAGE = 2;

    /** A system limit on watches was reached (inotify's {@code fs.inotify.max_user_watches}): not the user's typo. */
    static final int WATCH_LIMIT = 3;

    private ExitCode() {
    }
}
