package dev.nativewatch.backend.tree;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;

/**
 * Run in a JVM that cannot bypass permissions (a non-root user, or root without CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH): on polling, {@code chmod 000 sub} deletes nothing, and {@code chmod 755 sub} creates
 * nothing; the directory's contents are merely out of sight for a while.
 */
public final class UnreadableSubdirectoryScenario extends ChildScenario {

    public static void main(String[] arguments) {
        main(new UnreadableSubdirectoryScenario(), arguments);
    }

    @Override
    void run(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("r"));
        Path sub = Files.createDirectories(root.resolve("sub/inner"));
        sub = sub.getParent();
        Files.createFile(sub.resolve("inner/f"));
        Files.createFile(sub.resolve("g"));
        try (Watching watching = new Watching(WatchBackend.POLLING)) {
            watching.registerTree(root);
            sentinel(watching, root, "before");
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
            try {
                try {
                    Files.newDirectoryStream(sub).close();
                    throw new Outcome(NOT_APPLICABLE, "this process can read a directory with mode 000");
                } catch (AccessDeniedException expected) {
                    step("sub is unreadable");
                }
                sentinel(watching, root, "unreadable");
                check(named(watching, ENTRY_DELETE).isEmpty(),
                        "an unreadable directory was reported as deleted: " + named(watching, ENTRY_DELETE));
            } finally {
                Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            int before = watching.eventCount();
            sentinel(watching, root, "readable-again");
            List<Watching.Event> later = watching.events().subList(before, watching.eventCount());
            check(later.stream().noneMatch(e -> e.kind() == ENTRY_CREATE && e.context().startsWith("sub")),
                    "a directory readable again was reported as created: " + later);
        }
    }

    private static void sentinel(Watching watching, Path root, String name) throws Exception {
        Path file = Files.createFile(root.resolve(name));
        check(watching.awaitCreated(root, file, DEADLINE), name + " was not reported; events: " + watching.events());
    }

    private static List<Watching.Event> named(Watching watching, Object kind) {
        return watching.events().stream()
                .filter(e -> e.kind() == kind && e.context() != null && e.context().startsWith("sub")).toList();
    }
}
