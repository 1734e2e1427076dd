package dev.nativewatch.cli;

/** A command line that cannot be run; the message says why, in one line, for the user. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
