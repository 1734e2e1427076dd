package dev.nativewatch.cli;

/**
 * Walks the command line: an option's value is the next argument ({@code --timeout 5}) or follows an equals sign
 * ({@code --timeout=5}); after {@code --} every argument is a directory.
 */
final class Arguments {

    private final String[] args;
    private int next;
    private boolean optionsEnded;

    Arguments(String[] args) {
        this.args = args.clone();
    }

    boolean hasNext() {
        return next < args.length;
    }

    String next() {
        return args[next++];
    }

    boolean optionsEnded() {
        return optionsEnded;
    }

    void endOptions() {
        optionsEnded = true;
    }

    /** @return the option's name: {@code --timeout} for both {@code --timeout} and {@code --timeout=5} */
    static String nameOf(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
    }

    /**
     * @param arg the option as typed, just taken by {@link #next()}
     * @return its value
     * @throws UsageException if no value follows
     */
    String value(String arg) throws UsageException {
        return value(arg, null);
    }

    /** @param example an example of the option with a value, for the message when the value is missing */
    String value(String arg, String example) throws UsageException {
        String name = nameOf(arg);
        if (!name.equals(arg)) {
            return arg.substring(name.length() + 1);
        }
        if (!hasNext()) {
            throw new UsageException("option " + name + " needs a value"
                    + (example == null ? " (try --help)" : ", such as " + example));
        }
        return next();
    }
}
