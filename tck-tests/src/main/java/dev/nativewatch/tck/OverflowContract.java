package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lost events are never silent. A burst of {@value #BURST} creations, left unread, is more than the JDK keeps
 * for one key (512 by default), so it overflows there and in any implementation with the same limit.
 */
public abstract class OverflowContract extends WatchServiceContract {

    static final int BURST = 600;

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected OverflowContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    /** Creates {@value #BURST} files while {@code key} is not read, then returns its first list of events. */
    static List<Observed> burstAndRead(WatchServiceContract check, Path directory, WatchKey key)
            throws IOException, InterruptedException {
        for (int i = 0; i < BURST; i++) {
            Files.createFile(directory.resolve("entry" + i));
        }
        assertSame(key, awaitKey(check.watcher));
        check.waitQuietPeriod();
        return new EventRecorder(check.watcher).read(key);
    }

    @Test
    @Tag(TckTags.SPEC)
    void overflowHasANullContextAndAPositiveCount() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        List<Observed> events = burstAndRead(this, dir, key);
        for (Observed event : events) {
            if (event.kind().equals("OVERFLOW")) {
                assertSame(OVERFLOW, event.event().kind());
                assertNull(event.event().context());
                assertTrue(event.count() >= 1);
            }
        }
    }

    @Test
    @Tag(TckTags.SPEC)
    void aBurstIsReportedInFullOrOverflows() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        List<Observed> first = burstAndRead(this, dir, key);
        EventRecorder events = recorder().drain(quiet());
        boolean overflowed = first.stream().anyMatch(e -> e.kind().equals("OVERFLOW"))
                || events.events().stream().anyMatch(e -> e.kind().equals("OVERFLOW"));
        Set<String> created = new HashSet<>();
        first.stream().filter(e -> e.kind().equals("ENTRY_CREATE")).forEach(e -> created.add(e.context()));
        events.events().stream().filter(e -> e.kind().equals("ENTRY_CREATE")).forEach(e -> created.add(e.context()));
        assertTrue(overflowed || created.size() == BURST, "neither all " + BURST + " creations (only "
                + created.size() + ") nor an OVERFLOW");
    }

    @Test
    @Tag(TckTags.SPEC)
    void theKeyDeliversEventsAfterAnOverflow() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        burstAndRead(this, dir, key);
        assertTrue(key.isValid());
        EventRecorder events = recorder().drain(quiet());
        Files.createFile(dir.resolve("after"));
        events.untilSeen("ENTRY_CREATE after");
    }
}
