package dev.nativewatch.cli;

/** Text that stays on one line whatever names it holds. */
final class Printable {

    private Printable() {
    }

    /** @return {@code text} with each control character as {@code ?}, as {@code ls -q} shows names */
    static String masked(String text) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(c -> result.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return result.toString();
    }

    /**
     * @return {@code text} with each control character escaped as in Java source ({@code \n}, {@code \t},
     * {@code \r}, or a {@code u} escape): for messages, which must stay one line and still say which argument
     * was meant
     */
    static String escaped(String text) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> result.append("\\n");
                case '\r' -> result.append("\\r");
                case '\t' -> result.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        result.append(String.format("\\u%04x", c));
                    } else {
                        result.appendCodePoint(c);
                    }
                }
            }
        });
        return result.toString();
    }
}
