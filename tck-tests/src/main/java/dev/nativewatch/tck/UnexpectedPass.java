package dev.nativewatch.tck;

import org.opentest4j.AssertionFailedError;

/** A check declared as an expected deviation passed: the declaration is out of date. */
public final class UnexpectedPass extends AssertionFailedError {

    /** The version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** The reason of the declaration that turned out wrong. */
    private final String reason;

    UnexpectedPass(String checkId, String reason) {
        super(checkId + " passed, but it is declared as an expected deviation (" + reason
                + "); remove the declaration");
        this.reason = reason;
    }

    /** {@return the reason of the declaration that turned out wrong} */
    public String reason() {
        return reason;
    }
}
