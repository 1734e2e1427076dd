package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Privileged;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Linux file names are bytes; the JDK turns them into strings with the charset of {@code sun.jnu.encoding}, and so
 * does this backend, both for the names inotify reports and for the paths it passes to the kernel.
 */
final class FileNames {

    static final Charset CHARSET = jnuCharset();

    private FileNames() {
    }

    /** @return the path, made absolute, as a NUL-terminated C string */
    static byte[] toCString(Path path) {
        byte[] bytes = path.toAbsolutePath().toString().getBytes(CHARSET);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    private static Charset jnuCharset() {
        String name = Privileged.property("sun.jnu.encoding");
        try {
            if (name != null) {
                return Charset.forName(name);
            }
        } catch (IllegalArgumentException unknown) {
            // Falls back below.
        }
        return Charset.defaultCharset();
    }
}
