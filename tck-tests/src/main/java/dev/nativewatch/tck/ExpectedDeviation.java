package dev.nativewatch.tck;

import org.opentest4j.TestAbortedException;

/** A check failed as its implementation declared it would; reported as an expected deviation, not a failure. */
public final class ExpectedDeviation extends TestAbortedException {

    /** The version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** The reason the implementation gave. */
    private final String reason;

    ExpectedDeviation(String reason, Throwable failure) {
        super("expected deviation: " + reason + " [failed with: " + failure + "]", failure);
        this.reason = reason;
    }

    /** {@return the reason the implementation gave} */
    public String reason() {
        return reason;
    }
}
