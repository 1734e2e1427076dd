package dev.nativewatch.bench;

import java.util.Locale;
import java.util.OptionalDouble;

/** How figures are written in the tables: no more digits than the noise on this machine allows. */
final class Format {

    static final String NONE = "–";

    private Format() {
    }

    /** @return milliseconds: three decimals below 1, one below 100, none above */
    static String millis(OptionalDouble value) {
        if (value.isEmpty()) {
            return NONE;
        }
        double ms = value.getAsDouble();
        return ms < 1 ? String.format(Locale.ROOT, "%.3f", ms)
                : ms < 100 ? String.format(Locale.ROOT, "%.1f", ms) : count(ms);
    }

    /** @return a whole number with thousands separators; a dash for NaN (JMH's error of too few iterations) */
    static String count(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    static String count(OptionalDouble value) {
        return value.isPresent() ? count(value.getAsDouble()) : NONE;
    }

    /** @return {@code value / reference} as "0.31×", or a dash when either is missing or the reference is 0 */
    static String ratio(OptionalDouble value, OptionalDouble reference) {
        if (value.isEmpty() || reference.isEmpty() || reference.getAsDouble() == 0) {
            return NONE;
        }
        return ratio(value.getAsDouble() / reference.getAsDouble());
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.2f×" : "%.0f×", ratio);
    }

    /** @return a figure with four significant digits, for the progress lines: latencies are fractions of a ms */
    static String significant(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** @return a figure with {@code decimals} places */
    static String decimal(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : NONE;
    }
}
