package dev.nativewatch.backend.windows;

/** Win32 path strings: the {@code \\?\} forms that lift the MAX_PATH limit, and back. */
final class LongPaths {

    /** Longer paths go through {@code \\?\}, as in the JDK: CreateDirectoryW already fails past 248 characters. */
    static final int MAX_PLAIN_LENGTH = 247;

    private static final String PREFIX = "\\\\?\\";
    private static final String UNC_PREFIX = "\\\\?\\UNC\\";

    private LongPaths() {
    }

    /** @return {@code dos} as Win32 calls must see it: {@code \\?\C:\...} or {@code \\?\UNC\server\share\...} if long */
    static String forCalls(String dos) {
        if (dos.startsWith(PREFIX) || dos.length() <= MAX_PLAIN_LENGTH) {
            return dos;
        }
        if (dos.startsWith("\\\\")) {
            return UNC_PREFIX + dos.substring(2);
        }
        return PREFIX + dos;
    }

    /** @return {@code path} without a {@code \\?\} or {@code \\?\UNC\} prefix */
    static String strip(String path) {
        if (path.regionMatches(true, 0, UNC_PREFIX, 0, UNC_PREFIX.length())) {
            return "\\\\" + path.substring(UNC_PREFIX.length());
        }
        if (path.startsWith(PREFIX)) {
            return path.substring(PREFIX.length());
        }
        return path;
    }

    /** @return {@code dir\name}, with no doubled separator after a root such as {@code C:\} */
    static String join(String dir, String name) {
        return dir.endsWith("\\") ? dir + name : dir + "\\" + name;
    }

    /** @return whether two paths name the same file as Win32 compares names: prefixes aside, ignoring case */
    static boolean same(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }
}
