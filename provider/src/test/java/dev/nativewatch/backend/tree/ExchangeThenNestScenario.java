package dev.nativewatch.backend.tree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;

/**
 * Run in a JVM of its own, since a poller that spins forever cannot be stopped from inside the JVM: exchange two
 * watched subdirectories {@code a} and {@code b}, then {@code mv r/a r/b/x/new}. A watcher that mistook which is
 * which would move "a" under its own subdirectory; whatever it believes, the service must stay alive when files
 * are then created in the moved directories: events keep coming, and register, cancel and close return.
 */
public final class ExchangeThenNestScenario extends ChildScenario {

    public static void main(String[] arguments) {
        main(new ExchangeThenNestScenario(), arguments);
    }

    @Override
    void run(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("r"));
        Files.createDirectories(root.resolve("a/x"));
        Files.createDirectories(root.resolve("b/y"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Watching watching = new Watching(WatchBackend.INOTIFY);
        watching.registerTree(root);
        RawFiles.exchange(RawPaths.bytes(root.resolve("a")), RawPaths.bytes(root.resolve("b")));
        Path first = Files.createFile(root.resolve("after-exchange"));
        step("exchanged; first sentinel reported: " + watching.awaitCreated(root, first, DEADLINE));
        Files.move(root.resolve("a"), root.resolve("b/x/new"));
        step("moved r/a to r/b/x/new");
        // Events from inside the moved directories: a watcher whose tree now has a cycle walks it for their paths.
        Files.createFile(root.resolve("b/in-b"));
        Files.createFile(root.resolve("b/x/in-x"));
        Files.createFile(root.resolve("b/x/new/in-new"));
        Path second = Files.createFile(root.resolve("after-move"));
        boolean alive = watching.awaitCreated(root, second, DEADLINE);
        step("second sentinel reported: " + alive);
        WatchKey key = watching.registerTree(other);
        step("registered another directory");
        key.cancel();
        step("cancelled its key");
        watching.close();
        step("closed the service");
        check(alive, "no event after the move; events: " + watching.events());
    }
}
