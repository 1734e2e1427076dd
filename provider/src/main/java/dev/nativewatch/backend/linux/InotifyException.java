package dev.nativewatch.backend.linux;

import java.io.IOException;

/** A failed system call: its name, the errno it left, and the errno's text. */
final class InotifyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final int errno;

    /**
     * @param syscall the call that failed, such as {@code inotify_add_watch}
     * @param subject what it was called on (a path), or null
     * @param errno   the value of errno right after the call
     * @param text    errno's text, such as {@code strerror} gives it
     */
    InotifyException(String syscall, String subject, int errno, String text) {
        super(syscall + (subject == null ? "" : "(" + subject + ")") + ": " + text + " (errno " + errno + ")");
        this.syscall = syscall;
        this.errno = errno;
    }

    String syscall() {
        return syscall;
    }

    int errno() {
        return errno;
    }
}
