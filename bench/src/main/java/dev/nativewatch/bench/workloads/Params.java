package dev.nativewatch.bench.workloads;

import java.nio.file.Path;
import java.util.Map;

/** Typed reads of a child's {@code name=value} parameters; a missing one is the runner's bug, so it throws. */
final class Params {

    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = values;
    }

    Path path(String name) {
        return Path.of(string(name));
    }

    /** @return the path, or null if the parameter was not given */
    Path optionalPath(String name) {
        String value = values.get(name);
        return value == null ? null : Path.of(value);
    }

    int integer(String name) {
        return Integer.parseInt(string(name));
    }

    long longValue(String name) {
        return Long.parseLong(string(name));
    }

    private String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return value;
    }
}
