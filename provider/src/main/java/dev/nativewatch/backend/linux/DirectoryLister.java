package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BiConsumer;

/**
 * Lists open directories for {@link JnaInotifyApi#listDirectory}. With {@code getdents64} a directory costs a
 * {@code getdents64} per buffer of entries, and each entry's type comes with its name; NIO's directory stream takes a
 * native call per entry and an {@code lstat} per entry to tell directories apart, which made listing most of the
 * time it takes to watch a large tree. NIO remains the fallback where {@code getdents64} cannot be called (a C
 * library older than glibc 2.30); it lists the descriptor through {@code /proc/self/fd}.
 */
final class DirectoryLister {

    private static final System.Logger LOG = System.getLogger(DirectoryLister.class.getName());

    private static volatile boolean getdentsUsable = true;

    private DirectoryLister() {
    }

    /** See {@link InotifyApi#listDirectory}. */
    static void list(int fd, ByteBuffer direct, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        if (getdentsUsable) {
            try {
                listWithGetdents(fd, direct, everyEntry, visitor);
                return;
            } catch (LinkageError e) {
                getdentsUsable = false;
                LOG.log(System.Logger.Level.DEBUG, () -> "getdents64 cannot be called, listing through NIO: " + e);
            }
        }
        listWithNio(Path.of(NativePath.ofDescriptor(fd).toString()), everyEntry, visitor);
    }

    static void listWithGetdents(int fd, ByteBuffer direct, boolean everyEntry,
                                 BiConsumer<String, EntryKind> visitor) throws InotifyException {
        Pointer address = Native.getDirectBufferPointer(direct);
        while (true) {
            long count = DirectoryCalls.getdents64(fd, address, direct.capacity());
            if (count == 0) {
                return;
            }
            if (count < 0) {
                int errno = Native.getLastError();
                if (errno != InotifyApi.EINTR) {
                    throw new InotifyException("getdents64", "descriptor " + fd, errno, JnaInotifyApi.describe(errno));
                }
                continue;
            }
            DirentDecoder.decode(direct.duplicate().clear().limit((int) count), FileNames.KERNEL, everyEntry,
                    visitor);
        }
    }

    static void listWithNio(Path dir, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                EntryKind kind = kindOf(entry);
                if (everyEntry || kind.mayBeDirectory()) {
                    visitor.accept(FileNames.kernelName(entry), kind);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    private static EntryKind kindOf(Path entry) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isDirectory() ? EntryKind.DIRECTORY : EntryKind.OTHER;
        } catch (IOException e) {
            return EntryKind.UNKNOWN; // gone meanwhile, most likely; opening it will tell
        }
    }
}
