package dev.nativewatch.cli;

/** The process's exit status. */
final class ExitCode {

    /** Help printed, or the watch stopped on request: by Ctrl-C or SIGTERM too. */
    static final int OK = 0;

    /** Watching ended on its own: no directory is watched any more, or output or the service failed. */
    static final int FAILURE = 1;

    /** Bad arguments, or a DIR that is missing or not a directory. */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
