package dev.nativewatch.backend.tree;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;

/**
 * Run in a JVM started without a locale, where the JVM's charset for file names is ASCII: a file named
 * {@code café.txt} (UTF-8 bytes on disk) is reported with a context that resolves to it, as the JDK's own
 * service reports it, and the poller survives it.
 */
public final class NoLocaleScenario extends ChildScenario {

    /** The UTF-8 bytes of "café", one character per byte. */
    static final String CAFE = "caf\u00c3\u00a9";

    public static void main(String[] arguments) {
        main(new NoLocaleScenario(), arguments);
    }

    @Override
    void run(Path dir) throws Exception {
        assumeNoUtf8Locale();
        String base = RawPaths.latin1(RawPaths.bytes(dir));
        Path watched = RawPaths.path(RawPaths.bytes(base + "/watched"));
        RawFiles.mkdir(RawPaths.bytes(base + "/watched"));
        try (Watching watching = new Watching(WatchBackend.INOTIFY);
             WatchService jdk = FileSystems.getDefault().newWatchService()) {
            WatchKey key = watching.registerTree(watched);
            watched.register(jdk, ENTRY_CREATE);
            Path cafe = RawPaths.path(RawPaths.bytes(base + "/watched/" + CAFE + ".txt"));
            RawFiles.createFile(RawPaths.bytes(cafe));
            checkJdkReports(jdk, watched, cafe);
            step("the JDK's own service reported it");
            check(watching.awaitCreated(watched, cafe, DEADLINE), "café.txt was not reported with a context that"
                    + " resolves to it; events: " + watching.events() + ", key valid: " + key.isValid());
            step("nativewatch reported it");
            Path plain = RawPaths.path(RawPaths.bytes(base + "/watched/plain.txt"));
            RawFiles.createFile(RawPaths.bytes(plain));
            check(watching.awaitCreated(watched, plain, DEADLINE), "a later file was not reported (is the poller"
                    + " dead?); events: " + watching.events() + ", key valid: " + key.isValid());
            check(key.isValid(), "the key became invalid");
        }
    }

    static void assumeNoUtf8Locale() {
        String charset = System.getProperty("sun.jnu.encoding");
        step("sun.jnu.encoding=" + charset);
        if ("UTF-8".equalsIgnoreCase(charset)) {
            throw new Outcome(NOT_APPLICABLE, "this JVM decodes file names as UTF-8 even without a locale");
        }
    }

    private static void checkJdkReports(WatchService jdk, Path watched, Path file) throws Exception {
        Object fileKey = Watching.keyOf(file);
        WatchKey key = jdk.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        check(key != null, "the JDK's own service reported nothing: the scenario is broken");
        for (WatchEvent<?> event : key.pollEvents()) {
            Path context = (Path) event.context();
            if (fileKey.equals(Watching.keyOf(watched.resolve(context)))) {
                return;
            }
        }
        check(false, "the JDK's own service did not report café.txt: the scenario is broken");
    }
}
