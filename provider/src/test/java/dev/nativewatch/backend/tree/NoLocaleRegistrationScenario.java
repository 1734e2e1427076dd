package dev.nativewatch.backend.tree;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;

import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;

/**
 * Run in a JVM started without a locale: registering a tree that holds UTF-8 names, for ENTRY_SECURITY and the
 * time kinds (which read each entry's attributes), returns a key; it throws no unchecked exception.
 */
public final class NoLocaleRegistrationScenario extends ChildScenario {

    public static void main(String[] arguments) {
        main(new NoLocaleRegistrationScenario(), arguments);
    }

    @Override
    void run(Path dir) throws Exception {
        NoLocaleScenario.assumeNoUtf8Locale();
        String tree = RawPaths.latin1(RawPaths.bytes(dir)) + "/tree";
        String cafe = NoLocaleScenario.CAFE;
        RawFiles.mkdir(RawPaths.bytes(tree));
        RawFiles.mkdir(RawPaths.bytes(tree + "/" + cafe));
        RawFiles.createFile(RawPaths.bytes(tree + "/" + cafe + "/" + cafe + ".txt"));
        try (Watching watching = new Watching(WatchBackend.INOTIFY)) {
            WatchKey key;
            try {
                key = watching.register(RawPaths.path(RawPaths.bytes(tree)), new WatchEvent.Kind<?>[] {
                        ENTRY_CREATE, ExtendedKinds.ENTRY_SECURITY, ExtendedKinds.ENTRY_LAST_WRITE,
                        ExtendedKinds.ENTRY_CREATION_TIME}, ExtendedModifiers.SUBTREE);
            } catch (RuntimeException e) {
                throw new Outcome(FAILED, "FAILED: registering a tree holding café threw " + e);
            }
            check(key.isValid(), "the key of the tree is not valid");
            step("registered a tree holding café with ENTRY_SECURITY and the time kinds");
        }
    }
}
