package dev.nativewatch.security;

import com.sun.nio.file.ExtendedWatchEventModifier;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;

/**
 * Run in a child JVM under a SecurityManager, with nativewatch as the default provider, by
 * {@link SecurityManagerTest}: as the JDK's WithSecurityManager test does, opens the default file system's watch
 * service and registers the directory given, with FILE_TREE when the second argument is {@code tree}. Prints
 * the service, then {@code registered} or the SecurityException.
 */
public final class SecurityManagerProbeMain {

    private SecurityManagerProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        WatchEvent.Modifier[] modifiers = args[1].equals("tree")
                ? new WatchEvent.Modifier[] {ExtendedWatchEventModifier.FILE_TREE} : new WatchEvent.Modifier[0];
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            System.out.println("service=" + watcher);
            try {
                dir.register(watcher, new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE}, modifiers);
                System.out.println("registered");
            } catch (SecurityException e) {
                System.out.println("SecurityException: " + e.getMessage());
            }
        }
        System.out.println("closed");
    }
}
