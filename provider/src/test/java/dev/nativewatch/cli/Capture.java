package dev.nativewatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A print stream whose text tests can read while another thread writes it. */
final class Capture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** @return everything printed so far */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the complete lines printed so far */
    List<String> lines() {
        String text = text();
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }
}
