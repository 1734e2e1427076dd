package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Privileged;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Linux file names are bytes, and this backend keeps them as bytes until an event needs a {@link Path}. A name is
 * carried as a <em>kernel name</em>: a string with one char per byte (ISO-8859-1), so that it compares and hashes
 * exactly as the kernel's bytes do and, as a compact string, costs no more memory than they do. Decoding with the
 * charset of {@code sun.jnu.encoding} would be lossy: bytes that are not valid there (any non-ASCII byte when no
 * locale is set) would become replacement characters, two names could become one, and the path could not be
 * encoded back.
 *
 * <p>A kernel name becomes a {@link Path} as the JDK's own watch service makes one: with the same bytes. Names that
 * decode and encode back unchanged in the {@code sun.jnu.encoding} charset, nearly all of them, go through
 * {@link FileSystem#getPath}; any other goes through a {@code file:} URI with every byte escaped, which the
 * platform's provider turns into a path of exactly those bytes.
 */
final class FileNames {

    /** The charset the JDK names files with. */
    static final Charset CHARSET = jnuCharset();
    /** The charset of kernel names: one char per byte. */
    static final Charset KERNEL = StandardCharsets.ISO_8859_1;

    private static final boolean ASCII_COMPATIBLE = Arrays.equals(
            "az/.-_09".getBytes(CHARSET), "az/.-_09".getBytes(StandardCharsets.US_ASCII));
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The path {@link #relativePath} made last for a single name under a base; immutable, so shared safely. */
    private record Made(Path base, String name, Path path) {
    }

    /** Written by the poller threads of every service, each of which may find another's here and not use it. */
    private static volatile Made lastMade;

    private FileNames() {
    }

    /** @return the kernel name of these bytes */
    static String kernelName(byte[] bytes) {
        return new String(bytes, KERNEL);
    }

    /** @return the kernel name of a path's last name */
    static String kernelName(Path path) {
        byte[] bytes = bytesOf(path);
        int start = bytes.length;
        while (start > 0 && bytes[start - 1] != '/') {
            start--;
        }
        return kernelName(Arrays.copyOfRange(bytes, start, bytes.length));
    }

    /** @return a kernel name as a NUL-terminated C string of its bytes */
    static byte[] toCString(String kernelName) {
        byte[] bytes = new byte[kernelName.length() + 1];
        for (int i = 0; i < kernelName.length(); i++) {
            bytes[i] = (byte) kernelName.charAt(i);
        }
        return bytes;
    }

    /** @return the path, made absolute, as a NUL-terminated C string of its exact bytes */
    static byte[] toCString(Path path) {
        byte[] bytes = bytesOf(path.toAbsolutePath());
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /**
     * @return the bytes a path names on the file system; a path whose text holds a replacement character may have
     * been decoded lossily, so its bytes are then taken from its URI, which the JDK builds from the bytes
     */
    static byte[] bytesOf(Path path) {
        String text = path.toString();
        if (text.indexOf('\uFFFD') < 0) {
            return text.getBytes(CHARSET);
        }
        String raw = path.toAbsolutePath().toUri().getRawPath();
        byte[] absolute = unescape(raw.endsWith("/") && raw.length() > 1 ? raw.substring(0, raw.length() - 1) : raw);
        if (path.isAbsolute()) {
            return absolute;
        }
        int names = path.getNameCount();
        int start = absolute.length;
        for (int seen = 0; start > 0; start--) {
            if (absolute[start - 1] == '/' && ++seen == names) {
                break;
            }
        }
        return Arrays.copyOfRange(absolute, start, absolute.length);
    }

    /**
     * @param fileSystem the platform's file system, as the JDK's own provider serves it
     * @return the path of the entry {@code name} (a kernel name) of the directory open at descriptor {@code fd}
     */
    static Path entryOf(FileSystem fileSystem, int fd, String name) {
        Path directory = fileSystem.getPath(NativePath.ofDescriptor(fd).toString());
        return directory.resolve(relativePath(directory, new String[] {name}));
    }

    /**
     * @return the name as the JDK prints a path of it, or null if it does not decode and encode back exactly, or
     * decodes to a replacement character (which is what a lossy decoding gives as well)
     */
    static String exactName(String kernelName) {
        if (ASCII_COMPATIBLE && allAscii(kernelName)) {
            return kernelName;
        }
        byte[] bytes = kernelName.getBytes(KERNEL);
        String decoded = new String(bytes, CHARSET);
        boolean exact = decoded.indexOf('\uFFFD') < 0 && Arrays.equals(decoded.getBytes(CHARSET), bytes);
        return exact ? decoded : null;
    }

    /**
     * @param base  an absolute directory of the platform's file system
     * @param names kernel names, at least one
     * @return the path of {@code names} below {@code base}, relative to it, naming exactly those bytes
     */
    static Path relativePath(Path base, String[] names) {
        return names.length == 1 ? relativePath(base, names[0]) : pathOf(base, names);
    }

    /** @return the path of one kernel name below {@code base}; see {@link #relativePath(Path, String[])} */
    static Path relativePath(Path base, String name) {
        // Events on one entry come in runs (a new file's creation and first write, a file written again and
        // again): its path is made once for the run, not once per event.
        Made last = lastMade;
        if (last != null && last.base == base && last.name.equals(name)) {
            return last.path;
        }
        Path path = pathOf(base, new String[] {name});
        lastMade = new Made(base, name, path);
        return path;
    }

    private static Path pathOf(Path base, String[] names) {
        FileSystem fileSystem = base.getFileSystem();
        if (ASCII_COMPATIBLE && allAscii(names)) {
            // One name, as for every event in the registered directory itself: no array of the others to copy.
            return names.length == 1 ? fileSystem.getPath(names[0])
                    : fileSystem.getPath(names[0], Arrays.copyOfRange(names, 1, names.length));
        }
        String[] decoded = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            byte[] bytes = names[i].getBytes(KERNEL);
            decoded[i] = new String(bytes, CHARSET);
            if (!Arrays.equals(decoded[i].getBytes(CHARSET), bytes)) {
                return relativePathOfBytes(base, names);
            }
        }
        return fileSystem.getPath(decoded[0], Arrays.copyOfRange(decoded, 1, decoded.length));
    }

    /** The path through escaped URIs: the platform's provider builds it from the bytes the escapes stand for. */
    private static Path relativePathOfBytes(Path base, String[] names) {
        StringBuilder uri = new StringBuilder("file://");
        escape(uri, bytesOf(base.toAbsolutePath()));
        int baseLength = uri.length();
        for (String name : names) {
            uri.append('/');
            escape(uri, name.getBytes(KERNEL));
        }
        Path baseOfBytes = base.getFileSystem().provider().getPath(URI.create(uri.substring(0, baseLength)));
        Path full = base.getFileSystem().provider().getPath(URI.create(uri.toString()));
        return baseOfBytes.relativize(full);
    }

    /**
     * Through {@code charAt}, which every JVM has compiled within its first moments: on a watcher that sees few
     * events the rest of this path runs interpreted, and {@code getBytes} with a charset, seldom used elsewhere,
     * would too (a cold measurement took 9 us for a 4-char name that way).
     */
    private static boolean allAscii(String[] names) {
        for (String name : names) {
            if (!allAscii(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allAscii(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void escape(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.'
                    || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    private static byte[] unescape(String raw) {
        byte[] out = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out[length++] = (byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[length++] = (byte) c;
            }
        }
        return Arrays.copyOf(out, length);
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
