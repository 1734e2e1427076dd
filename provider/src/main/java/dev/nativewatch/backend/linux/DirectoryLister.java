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
 * Lists directories for {@link JnaInotifyApi#listDirectory}. With {@code getdents64} a directory costs an
 * {@code open}, a {@code getdents64} per buffer of entries and a {@code close}, and each entry's type comes with
 * its name; NIO's directory stream takes a native call per entry and an {@code lstat} per entry to tell
 * directories apart, which made listing most of the time it takes to watch a large tree. NIO remains the fallback
 * where {@code getdents64} cannot be called (a C library older than glibc 2.30).
 */
final class DirectoryLister {

    private static final System.Logger LOG = System.getLogger(DirectoryLister.class.getName());

    private static volatile boolean getdentsUsable = true;

    private DirectoryLister() {
    }

    /** See {@link InotifyApi#listDirectory}. */
    static void list(NativePath dir, ByteBuffer direct, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        if (getdentsUsable) {
            try {
                listWithGetdents(dir, direct, everyEntry, visitor);
                return;
            } catch (LinkageError e) {
                getdentsUsable = false;
                LOG.log(System.Logger.Level.DEBUG, () -> "getdents64 cannot be called, listing through NIO: " + e);
            }
        }
        listWithNio(Path.of(dir.toString()), everyEntry, visitor);
    }

    static void listWithGetdents(NativePath dir, ByteBuffer direct, boolean everyEntry,
                                         BiConsumer<String, EntryKind> visitor) throws InotifyException {
        int fd = open(dir);
        try {
            Pointer address = Native.getDirectBufferPointer(direct);
            while (true) {
                long count = DirectoryCalls.getdents64(fd, address, direct.capacity());
                if (count == 0) {
                    return;
                }
                if (count < 0) {
                    int errno = Native.getLastError();
                    if (errno != InotifyApi.EINTR) {
                        throw new InotifyException("getdents64", dir.toString(), errno, JnaInotifyApi.describe(errno));
                    }
                    continue;
                }
                DirentDecoder.decode(direct.duplicate().clear().limit((int) count), FileNames.CHARSET, everyEntry,
                        visitor);
            }
        } finally {
            // Linux releases the descriptor even when close fails, so a failure is not worth more than the listing.
            LibC.close(fd);
        }
    }

    private static int open(NativePath dir) throws InotifyException {
        while (true) {
            int fd = DirectoryCalls.open(dir.cString(), DirectoryCalls.O_DIRECTORY | LibC.O_CLOEXEC);
            if (fd >= 0) {
                return fd;
            }
            int errno = Native.getLastError();
            if (errno != InotifyApi.EINTR) {
                throw new InotifyException("open", dir.toString(), errno, JnaInotifyApi.describe(errno));
            }
        }
    }

    static void listWithNio(Path dir, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                EntryKind kind = kindOf(entry);
                if (everyEntry || kind.mayBeDirectory()) {
                    visitor.accept(entry.getFileName().toString(), kind);
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
            return EntryKind.UNKNOWN; // gone meanwhile, most likely; watching it will tell
        }
    }
}
