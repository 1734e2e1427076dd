package dev.nativewatch.bench.peers;

import java.util.function.Supplier;

/** The peers measured, in the order the tables list them. */
public enum PeerId {
    NATIVEWATCH("nativewatch", true, () -> new NativeWatchWatcher(false)),
    NATIVEWATCH_RESCAN("nativewatch + RESCAN_ON_OVERFLOW", true, () -> new NativeWatchWatcher(true)),
    JDK("JDK WatchService", true, JdkWatcher::new),
    DIRECTORY_WATCHER("directory-watcher", true, DirectoryWatcherWatcher::new),
    INOTIFYWAIT("inotifywait", false, InotifywaitWatcher::new),
    /** No watcher: the writing thread wakes the consumer itself; see {@link HandOffWatcher}. */
    HANDOFF("hand-off only (no watcher)", true, HandOffWatcher::new);

    private final String label;
    private final boolean jvm;
    private final Supplier<Watcher> factory;

    PeerId(String label, boolean jvm, Supplier<Watcher> factory) {
        this.label = label;
        this.jvm = jvm;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    /** @return whether the peer runs inside the JVM, so that its heap and thread CPU can be measured */
    public boolean jvm() {
        return jvm;
    }

    public Watcher newWatcher() {
        return factory.get();
    }
}
