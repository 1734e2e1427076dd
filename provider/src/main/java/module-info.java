/**
 * nativewatch: a {@link java.nio.file.WatchService} provider with recursive watches on every platform, every
 * change class as its own event kind, and honest overflow. {@link dev.nativewatch.NativeWatch} is the front door;
 * the provider is also installed under the {@code nativewatch} URI scheme and can be made the JVM's default
 * provider.
 *
 * @provides java.nio.file.spi.FileSystemProvider the {@code nativewatch} scheme, whose paths register with
 *           nativewatch's watch services
 */
module dev.nativewatch {
    // JNA's jar is an automatic module of this name; its jna-jpms jar, which jlink needs, is the same module made
    // explicit. Either serves.
    requires com.sun.jna;

    exports dev.nativewatch;

    // -Djava.nio.file.spi.DefaultFileSystemProvider names a class that java.base instantiates reflectively:
    // the package must be exported to it, and to no one else, since the class is not part of the API.
    exports dev.nativewatch.spi to java.base;

    provides java.nio.file.spi.FileSystemProvider with dev.nativewatch.spi.NativeWatchFileSystemProvider;
}
