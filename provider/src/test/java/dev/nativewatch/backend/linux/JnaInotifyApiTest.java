package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real system calls whose sizes and results JNA passes as Java {@code long}s ({@code read}, {@code write},
 * {@code lgetxattr}, {@code poll}'s count), and the poll set: what they return must be what the kernel did.
 */
class JnaInotifyApiTest {

    @TempDir
    Path temp;
    InotifyApi api;
    int inotifyFd = -1;
    int wakeupFd = -1;

    @BeforeEach
    void open() throws IOException {
        EngineHarness.assumeInotify();
        api = JnaInotifyApi.INSTANCE;
        inotifyFd = api.inotifyInit();
        wakeupFd = api.eventFd();
    }

    @AfterEach
    void close() throws IOException {
        if (inotifyFd >= 0) {
            api.close(inotifyFd);
        }
        if (wakeupFd >= 0) {
            api.close(wakeupFd);
        }
    }

    @Test
    void signalsAddUpInTheCounterThatOneReadTakes() throws IOException {
        ByteBuffer counter = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder());
        assertEquals(-1, api.read(wakeupFd, counter), "nothing signalled yet");
        api.signal(wakeupFd);
        api.signal(wakeupFd);
        api.signal(wakeupFd);
        assertEquals(Long.BYTES, api.read(wakeupFd, counter));
        assertEquals(3, counter.getLong(0));
        assertEquals(-1, api.read(wakeupFd, counter), "the read reset the counter");
    }

    @Test
    void aReadReturnsTheBytesOfTheQueuedEvents() throws IOException {
        api.addWatch(inotifyFd, NativePath.of(temp), InotifyApi.IN_CREATE);
        Files.createFile(temp.resolve("abc"));
        ByteBuffer buffer = ByteBuffer.allocateDirect(InotifyEngine.READ_BUFFER_BYTES);
        assertEquals(InotifyEventDecoder.HEADER_BYTES + 16, api.read(inotifyFd, buffer), "one record, name padded");
        assertEquals(-1, api.read(inotifyFd, buffer));
    }

    @Test
    void aReaderReadsFromTheBufferStartAndCopiesWhatItRead() throws IOException {
        api.addWatch(inotifyFd, NativePath.of(temp), InotifyApi.IN_CREATE);
        Files.createFile(temp.resolve("abc"));
        ByteBuffer buffer = ByteBuffer.allocateDirect(InotifyEngine.READ_BUFFER_BYTES);
        buffer.position(100).limit(200);
        InotifyApi.Reader reader = api.reader(inotifyFd, buffer);

        int count = reader.read();

        assertEquals(InotifyEventDecoder.HEADER_BYTES + 16, count, "one record, name padded");
        assertEquals(100, buffer.position(), "position and limit left alone");
        List<InotifyEvent> events = new ArrayList<>();
        assertEquals(count, InotifyEventDecoder.decode(reader.bytes(count), count, FileNames.KERNEL, events::add));
        assertEquals("abc", events.get(0).name());
        assertEquals(-1, reader.read());
    }

    @Test
    void aReaderOfTheWakeupDescriptorTakesTheCounter() throws IOException {
        InotifyApi.Reader reader = api.reader(wakeupFd, ByteBuffer.allocateDirect(Long.BYTES));
        api.signal(wakeupFd);
        api.signal(wakeupFd);
        assertEquals(Long.BYTES, reader.read());
        assertEquals(2, ByteBuffer.wrap(reader.bytes(Long.BYTES)).order(ByteOrder.nativeOrder()).getLong());
        assertEquals(-1, reader.read());
    }

    @Test
    void thePollSetReportsEachDescriptorAndTheTimeout() throws IOException {
        try (InotifyApi.PollSet set = api.pollSet(inotifyFd, wakeupFd)) {
            assertEquals(0, set.poll(0));
            api.signal(wakeupFd);
            assertEquals(InotifyApi.READY_WAKEUP, set.poll(0));
            api.addWatch(inotifyFd, NativePath.of(temp), InotifyApi.IN_CREATE);
            Files.createFile(temp.resolve("f"));
            assertEquals(InotifyApi.READY_INOTIFY | InotifyApi.READY_WAKEUP, set.poll(0), "level-triggered");
            api.read(wakeupFd, ByteBuffer.allocateDirect(Long.BYTES));
            assertEquals(InotifyApi.READY_INOTIFY, set.poll(-1));
            api.read(inotifyFd, ByteBuffer.allocateDirect(InotifyEngine.READ_BUFFER_BYTES));
            assertEquals(0, set.poll(1));
        }
    }

    @Test
    void aClosedPollSetRefusesToWait() throws IOException {
        InotifyApi.PollSet set = api.pollSet(inotifyFd, wakeupFd);
        set.close();
        set.close();
        InotifyException e = assertThrows(InotifyException.class, () -> set.poll(0));
        assertEquals(InotifyApi.EBADF, e.errno());
    }

    @Test
    void anAccessAclIsReadWholeAndAFileWithoutOneHasNone() throws Exception {
        Path file = Files.createFile(temp.resolve("f"));
        assertNull(api.accessAcl(file), "only the mode: no ACL attribute");
        assumeTrue(InotifyEngineTest.run("setfacl", "-m", "u:4242:rwx", file.toString()) == 0,
                "setfacl is not installed, or this file system has no POSIX ACLs");
        byte[] acl = api.accessAcl(file);
        assertNotNull(acl);
        // struct posix_acl_xattr: a 4-byte version, then 8 bytes per entry: user, named user, group, mask, other.
        assertEquals(4 + 5 * 8, acl.length);
    }
}
