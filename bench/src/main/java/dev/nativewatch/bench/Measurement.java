package dev.nativewatch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The named figures of one run of one workload against one peer. A forked child prints them as
 * {@code RESULT name value} lines; the runner parses them back.
 */
public final class Measurement {

    private static final String PREFIX = "RESULT ";

    private final Map<String, Double> values = new LinkedHashMap<>();

    public Measurement put(String name, double value) {
        values.put(name, value);
        return this;
    }

    public OptionalDouble get(String name) {
        Double value = values.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public Map<String, Double> values() {
        return values;
    }

    /** @return the lines a child prints on its standard output */
    public String toLines() {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(PREFIX).append(name).append(' ').append(value).append('\n'));
        return out.toString();
    }

    /** Adds the figure on a {@code RESULT} line; ignores every other line. */
    public void parseLine(String line) {
        if (!line.startsWith(PREFIX)) {
            return;
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ");
        if (parts.length == 2) {
            values.put(parts[0], Double.parseDouble(parts[1]));
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
