package dev.nativewatch.backend.windows;

import java.io.IOException;

/** A Win32 call that failed, with the function's name and the error code {@code GetLastError} gave. */
public final class Win32CallException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String function;
    private final int error;

    public Win32CallException(String function, int error) {
        super(function + " failed: " + Win32Errors.describe(error));
        this.function = function;
        this.error = error;
    }

    /** @return the Win32 function that failed */
    public String function() {
        return function;
    }

    /** @return its error code */
    public int error() {
        return error;
    }
}
