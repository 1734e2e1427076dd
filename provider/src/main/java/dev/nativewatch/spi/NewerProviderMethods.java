package dev.nativewatch.spi;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.AccessMode;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.spi.FileSystemProvider;

/**
 * The {@link FileSystemProvider} methods added after Java 17, which this build ({@code --release 17}) cannot call
 * directly: {@code exists} and {@code readAttributesIfExists} (JDK 20), through method handles looked up once.
 * On JDK 20+ they reach the delegate provider's own fast versions (the JDK's tests a missing file without
 * throwing); on older JDKs they do what JDK 20's defaults do.
 */
final class NewerProviderMethods {

    /** {@code boolean exists(Path, LinkOption...)}, or null before JDK 20. */
    private static final MethodHandle EXISTS = find("exists",
            MethodType.methodType(boolean.class, Path.class, LinkOption[].class));
    /** {@code BasicFileAttributes readAttributesIfExists(Path, Class, LinkOption...)}, or null before JDK 20. */
    private static final MethodHandle READ_ATTRIBUTES_IF_EXISTS = find("readAttributesIfExists",
            MethodType.methodType(BasicFileAttributes.class, Path.class, Class.class, LinkOption[].class));

    private NewerProviderMethods() {
    }

    static boolean exists(FileSystemProvider provider, Path path, LinkOption... options) {
        if (EXISTS != null) {
            try {
                return (boolean) EXISTS.invokeExact(provider, path, options);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t); // exists declares no checked exception
            }
        }
        try {
            if (options.length == 0) {
                provider.checkAccess(path, new AccessMode[0]);
            } else {
                provider.readAttributes(path, BasicFileAttributes.class, options);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static <A extends BasicFileAttributes> A readAttributesIfExists(FileSystemProvider provider, Path path,
                                                                    Class<A> type, LinkOption... options)
            throws IOException {
        if (READ_ATTRIBUTES_IF_EXISTS != null) {
            try {
                return type.cast((BasicFileAttributes) READ_ATTRIBUTES_IF_EXISTS.invokeExact(provider, path,
                        (Class<?>) type, options));
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException(t);
            }
        }
        try {
            return provider.readAttributes(path, type, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(FileSystemProvider.class, name, type);
        } catch (NoSuchMethodException e) {
            return null; // Before JDK 20.
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
