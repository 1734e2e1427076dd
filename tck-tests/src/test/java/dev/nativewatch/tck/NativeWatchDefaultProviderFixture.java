package dev.nativewatch.tck;

import dev.nativewatch.spi.NativeWatchFileSystem;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;

/**
 * nativewatch as the JVM's default provider ({@code -Djava.nio.file.spi.DefaultFileSystemProvider}), so that the
 * checks' own plain NIO code is what runs on it. The differential's reference is the JDK's file system that
 * nativewatch wraps.
 */
class NativeWatchDefaultProviderFixture implements WatchServiceFixture {

    private final String backend = NativeWatchDeclarations.backend();

    @Override
    public String name() {
        return "nativewatch-default-provider-" + backend;
    }

    @Override
    public WatchService newWatchService() throws IOException {
        if (!(FileSystems.getDefault() instanceof NativeWatchFileSystem)) {
            throw new TestAbortedException("the JVM's default provider is not nativewatch's; run with "
                    + "-Djava.nio.file.spi.DefaultFileSystemProvider=dev.nativewatch.spi.NativeWatchFileSystemProvider");
        }
        return FileSystems.getDefault().newWatchService();
    }

    @Override
    public Path newDirectory() throws IOException {
        return TempDirectories.newDirectory();
    }

    @Override
    public Extensions extensions() {
        return NativeWatchDeclarations.extensions();
    }

    @Override
    public Map<String, String> expectedDeviations() {
        return NativeWatchDeclarations.deviations(backend);
    }

    @Override
    public Map<String, String> notApplicable() {
        return NativeWatchDeclarations.notApplicable(backend);
    }

    @Override
    public WatchServiceFixture reference() {
        return FileSystems.getDefault() instanceof NativeWatchFileSystem wrapper
                ? new JdkDefaultFixture(wrapper.delegate())
                : new JdkDefaultFixture();
    }

    @Override
    public Duration quietPeriod() {
        return NativeWatchDeclarations.quietPeriod(backend);
    }
}
