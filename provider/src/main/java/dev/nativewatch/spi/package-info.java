/**
 * The {@code java.nio.file.spi} provider behind nativewatch's paths. Applications do not program against it:
 * {@link dev.nativewatch.NativeWatch} is the API. The module exports this package to {@code java.base} alone,
 * because {@code java.base} instantiates {@link dev.nativewatch.spi.NativeWatchFileSystemProvider} reflectively
 * when {@code -Djava.nio.file.spi.DefaultFileSystemProvider} names it, which makes nativewatch the JVM's default
 * provider.
 */
package dev.nativewatch.spi;
