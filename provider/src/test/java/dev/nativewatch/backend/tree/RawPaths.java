package dev.nativewatch.backend.tree;

import java.io.ByteArrayOutputStream;
import dev.nativewatch.spi.NativeWatchPath;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Linux paths as the kernel's bytes, and the JDK paths that keep them. A byte path is carried as a string of
 * ISO-8859-1 characters, one character per byte, so that it can be a map key and be logged without loss.
 */
final class RawPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RawPaths() {
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * @return a default-file-system path with exactly these bytes: a {@code file:} URI with every byte but the
     * separator percent-encoded is decoded byte by byte by the JDK, whatever the JVM's charset
     */
    static Path path(byte[] absolute) {
        StringBuilder uri = new StringBuilder("file://");
        for (byte b : absolute) {
            if (b == '/') {
                uri.append('/');
            } else {
                uri.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    static Path path(String latin1Absolute) {
        return path(bytes(latin1Absolute));
    }

    /** @return the bytes of a default-file-system path, made absolute (the inverse of {@link #path(byte[])}) */
    static byte[] bytes(Path path) {
        String raw = path.toAbsolutePath().toUri().getRawPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        byte[] bytes = out.toByteArray();
        int length = bytes.length;
        if (length > 1 && bytes[length - 1] == '/') {
            length--; // toUri() marks a directory with a trailing separator
        }
        return java.util.Arrays.copyOf(bytes, length);
    }

    /** @return the bytes of a relative path, such as an event's context, of nativewatch's or the JDK's */
    static byte[] relativeBytes(Path relative) {
        Path jdk = relative instanceof NativeWatchPath ours ? ours.delegate() : relative;
        byte[] absolute = bytes(Path.of("/").resolve(jdk));
        return java.util.Arrays.copyOfRange(absolute, 1, absolute.length);
    }

    /** @return the bytes with everything but printable ASCII escaped, for messages and logs */
    static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int u = b & 0xff;
            if (u >= 0x20 && u < 0x7f && u != '\\') {
                out.append((char) u);
            } else {
                out.append("\\x").append(HEX[u >> 4]).append(HEX[u & 0xf]);
            }
        }
        return out.toString();
    }

    static String printable(String latin1) {
        return printable(bytes(latin1));
    }
}
