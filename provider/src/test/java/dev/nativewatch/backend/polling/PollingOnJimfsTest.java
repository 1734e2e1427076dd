package dev.nativewatch.backend.polling;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nativewatch.ExtendedKinds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

/** The polling backend on jimfs, an in-memory file system with no kernel to ask. */
class PollingOnJimfsTest extends PollingExclusionScenarios {

    private FileSystem jimfs;

    @Override
    Path newDirectory() throws IOException {
        jimfs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix").build());
        return Files.createDirectories(jimfs.getPath("/watched"));
    }

    @AfterEach
    void closeJimfs() throws IOException {
        jimfs.close();
    }

    @Test
    void creationTimeChangesAreReported() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        register(kinds(ExtendedKinds.ENTRY_CREATION_TIME));
        Files.setAttribute(file, "basic:creationTime", FileTime.fromMillis(1_000_000_000_000L));
        collector.until("ENTRY_CREATION_TIME f");
    }

    @Test
    void permissionChangesAreSecurityChanges() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        register(kinds(ExtendedKinds.ENTRY_SECURITY));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        collector.until("ENTRY_SECURITY f");
    }

    @Test
    void dosAttributeChangesAreAttributeChangesOnAWindowsLikeFileSystem() throws Exception {
        try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows().toBuilder()
                .setAttributeViews("basic", "owner", "dos", "acl").build())) {
            Path root = Files.createDirectories(windows.getPath("C:\\watched"));
            Path file = Files.createFile(root.resolve("f"));
            try (var dosService = new dev.nativewatch.core.NativeWatchService(new PollingBackend(INTERVAL), windows,
                    relative -> relative)) {
                dosService.register(root, root, kinds(ExtendedKinds.ENTRY_ATTRIBUTES, ExtendedKinds.ENTRY_SECURITY));
                Files.setAttribute(file, "dos:hidden", true);
                var dosCollector = new dev.nativewatch.testing.EventCollector(dosService);
                dosCollector.until("ENTRY_ATTRIBUTES f");
                Files.setOwner(file, windows.getUserPrincipalLookupService().lookupPrincipalByName("someone"));
                dosCollector.until("ENTRY_SECURITY f");
            }
        }
    }
}
