package dev.nativewatch.cli;

import java.time.Clock;

/**
 * {@code java -jar nativewatch.jar [-r] [--kinds create,delete,...] [--json] DIR...}: prints a line for each
 * change in each DIR until stopped. {@code --help} lists the options.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        WatchCommand command = new WatchCommand(WatcherFactory.nativeWatch(), System.out, System.err,
                Clock.systemDefaultZone());
        System.exit(command.run(args));
    }
}
