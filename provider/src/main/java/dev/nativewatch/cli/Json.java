package dev.nativewatch.cli;

/** JSON string literals (RFC 8259, section 7). */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * Quotes {@code text} as a JSON string. Quote, backslash and control characters are escaped, and so is
     * everything outside ASCII, as UTF-16 {@code \}{@code uXXXX} escapes (a surrogate pair for characters beyond
     * the BMP), so the line is correct JSON whatever the encoding of standard output.
     */
    static String quote(String text) {
        StringBuilder result = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> result.append("\\\"");
                case '\\' -> result.append("\\\\");
                case '\b' -> result.append("\\b");
                case '\f' -> result.append("\\f");
                case '\n' -> result.append("\\n");
                case '\r' -> result.append("\\r");
                case '\t' -> result.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        result.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        result.append(c);
                    }
                }
            }
        }
        return result.append('"').toString();
    }
}
