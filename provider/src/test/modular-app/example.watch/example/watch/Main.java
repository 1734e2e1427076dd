package example.watch;

import dev.nativewatch.NativeWatch;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Watches a directory, creates a file in it and prints, one fact a line, what it used and what it was told.
 *
 * <pre>
 * front-door DIR        NativeWatch's own service and path
 * default-provider DIR  plain NIO, for a JVM whose default provider is nativewatch's
 * </pre>
 */
public final class Main {

    /** Only a bound on a run that has gone wrong: the event normally arrives within milliseconds. */
    private static final long DEADLINE_SECONDS = 60;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean plainNio = args[0].equals("default-provider");
        Path dir = Path.of(args[1]);
        System.out.println("default-provider=" + FileSystems.getDefault().provider().getClass().getName());
        System.out.println("backend=" + NativeWatch.backend().name());
        try (WatchService watcher = plainNio ? FileSystems.getDefault().newWatchService()
                : NativeWatch.newWatchService()) {
            System.out.println("service-module=" + watcher.getClass().getModule().getName());
            (plainNio ? dir : NativeWatch.path(dir)).register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Files.writeString(dir.resolve("hello.txt"), "hello");
            WatchKey key = watcher.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (key == null) {
                System.out.println("no event");
                return;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                System.out.println("event=" + event.kind().name() + " " + event.context());
            }
        }
    }
}
