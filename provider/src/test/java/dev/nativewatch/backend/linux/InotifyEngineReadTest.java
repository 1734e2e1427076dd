package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static dev.nativewatch.backend.linux.EngineHarness.spec;
import static dev.nativewatch.backend.linux.InotifyEngineTest.concat;
import static dev.nativewatch.backend.linux.InotifyEngineTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the engine reads its queue: how many reads one wait makes, that what is queued is read whole, and that the
 * marks of scans outlive the reads that could not see their duplicates. Each test waits once with a zero timeout
 * and asserts what that single wait did.
 */
class InotifyEngineReadTest {

    /** A record with a name of 1 to 15 bytes: 16 bytes of header, the name padded to 16. */
    private static final int SHORT_RECORD_BYTES = 32;

    @TempDir
    Path temp;
    Path dir;
    Path scratch;
    TestApi api;
    EngineHarness harness;

    @BeforeEach
    void start() throws IOException {
        EngineHarness.assumeInotify();
        dir = Files.createDirectory(temp.resolve("watched"));
        scratch = Files.createDirectory(temp.resolve("scratch"));
        api = new TestApi();
        harness = new EngineHarness(api);
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aReadThatLeftRoomForAnotherRecordIsTheLastOfTheWait() throws IOException {
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED));
        int wd = onlyWatch();
        api.inject(concat(record(wd, InotifyApi.IN_CREATE, "a"), record(wd, InotifyApi.IN_CREATE, "b")));
        int reads = api.inotifyReads();
        harness.engine.awaitChanges(0);
        assertEquals(List.of("CREATED a", "CREATED b"), sink.events);
        assertEquals(reads + 1, api.inotifyReads(), "the kernel would have added any event queued to that read");
    }

    @Test
    void aReadWithTooLittleRoomLeftForTheLongestNameIsFollowedByAnother() throws IOException {
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED));
        int wd = onlyWatch();
        // 16 bytes short of room for the longest record: one with a long name may still be queued.
        int room = InotifyEngine.MAX_RECORD_BYTES - 16;
        int records = (InotifyEngine.READ_BUFFER_BYTES - room) / SHORT_RECORD_BYTES;
        List<String> expected = new ArrayList<>();
        byte[][] full = new byte[records][];
        for (int i = 0; i < records; i++) {
            String name = String.format("f%05d", i);
            full[i] = record(wd, InotifyApi.IN_CREATE, name);
            expected.add("CREATED " + name);
        }
        assertEquals(InotifyEngine.READ_BUFFER_BYTES - room, concat(full).length, "the test's own arithmetic");
        api.inject(concat(full));
        String longest = "n".repeat(255);
        api.inject(record(wd, InotifyApi.IN_CREATE, longest));
        expected.add("CREATED " + longest);
        int reads = api.inotifyReads();

        harness.engine.awaitChanges(0);
        assertEquals(expected.size(), sink.events.size(), () -> "one wait reported " + sink);
        assertEquals(expected, sink.events);
        assertEquals(reads + 2, api.inotifyReads(), "the second read left room, so there is no third");
    }

    @Test
    void aBurstLargerThanTheBufferIsReadWholeInOneWait() throws IOException {
        int files = 5_000;
        int queued = Integer.parseInt(InotifyEngineTest.sysctl("max_queued_events"));
        assumeTrue(queued > files, "fs.inotify.max_queued_events is too small for the burst: " + queued);
        RecordingSink sink = harness.watch(dir, spec(Change.CREATED));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String name = String.format("f%05d", i); // 6 bytes: every record is SHORT_RECORD_BYTES long
            Files.createFile(dir.resolve(name));
            expected.add("CREATED " + name);
        }
        int reads = api.inotifyReads();

        harness.engine.awaitChanges(0);
        assertEquals(expected.size(), sink.events.size(), () -> "one wait reported " + sink);
        assertEquals(expected, sink.events);
        int bytes = files * SHORT_RECORD_BYTES;
        int buffers = (bytes + InotifyEngine.READ_BUFFER_BYTES - 1) / InotifyEngine.READ_BUFFER_BYTES;
        assertEquals(reads + buffers, api.inotifyReads(), "full buffers, then one with room left and no more");
    }

    /**
     * A directory created in the tree is listed during the read that reported it; an entry created in it after
     * its watch was added is both listed and queued behind that read. The read proves nothing about the queue
     * after the listing, so the engine must read on before it forgets the names the listing reported.
     */
    @Test
    void namesAScanReportedAreForgottenOnlyOnceTheQueueBehindTheScanIsRead() throws IOException {
        RecordingSink sink = harness.watch(dir, spec(EnumSet.of(Change.CREATED), true, false));
        api.afterAddWatch(path -> {
            // Only the first watch of it: later calls confirm the watch, when "early" is already there.
            if (path.getFileName().toString().equals("new") && Files.notExists(path.resolve("early"))) {
                try {
                    Files.createFile(path.resolve("early"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        Files.createDirectory(dir.resolve("new"));

        harness.engine.awaitChanges(0);
        assertEquals(List.of("CREATED new", "CREATED new/early"), sink.events);
        api.afterAddWatch(path -> { });
        harness.sync(scratch);
        assertEquals(List.of("CREATED new", "CREATED new/early"), sink.events, "early's own event is dropped");
    }

    private int onlyWatch() {
        assertEquals(1, api.liveWatches().size(), api.liveWatches().toString());
        return api.liveWatches().iterator().next();
    }
}
