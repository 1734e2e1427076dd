package dev.nativewatch.cli;

import java.time.Clock;

/**
 * {@code java -jar nativewatch.jar [OPTION]... DIR...}: prints a line for each
 * change in each DIR until stopped. {@code --help} lists the options.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // halt, not exit: it is called from the shutdown hook, where exit would block, and it is the only way
        // to end a process stopped by SIGTERM or Ctrl-C with status 0 rather than the JVM's 143 or 130.
        WatchCommand command = new WatchCommand(WatcherFactory.nativeWatch(), System.out, System.err,
                Clock.systemDefaultZone(), () -> Runtime.getRuntime().halt(ExitCode.OK));
        System.exit(command.run(args));
    }
}
