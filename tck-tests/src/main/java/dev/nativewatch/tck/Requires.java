package dev.nativewatch.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The optional features a check needs; it is n/a for an implementation that does not claim them all. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    /** {@return the features the check needs} */
    Feature[] value();
}
