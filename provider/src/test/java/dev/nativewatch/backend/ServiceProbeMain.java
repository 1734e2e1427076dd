package dev.nativewatch.backend;

import dev.nativewatch.NativeWatch;
import dev.nativewatch.core.NativeWatchService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by the tests of what happens when the native side is missing: opens two watch services on
 * the directory given, sees a file created in it, closes both, and prints each step on standard output (the
 * backend, the event, and "closed" once close() has returned).
 */
public final class ServiceProbeMain {

    private ServiceProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (int service = 1; service <= 2; service++) {
            WatchService watcher = NativeWatch.newWatchService();
            System.out.println("backend=" + ((NativeWatchService) watcher).backendName());
            NativeWatch.path(dir).register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Files.createFile(dir.resolve("file" + service));
            WatchKey key = watcher.poll(60, TimeUnit.SECONDS);
            if (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    System.out.println("event=" + event.kind() + " " + event.context());
                }
            }
            watcher.close();
            System.out.println("closed");
        }
        System.out.flush();
    }
}
