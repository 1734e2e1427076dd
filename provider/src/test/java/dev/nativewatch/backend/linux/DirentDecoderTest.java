package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decoder on hand-built buffers laid out as the kernel lays out {@code struct linux_dirent64}. */
class DirentDecoderTest {

    private static final int DT_UNKNOWN = 0;
    private static final int DT_DIR = 4;
    private static final int DT_REG = 8;
    private static final int DT_LNK = 10;

    private final List<String> decoded = new ArrayList<>();

    @Test
    void decodesNamesAndTypesAndLeavesOutDotAndDotDot() throws InotifyException {
        ByteBuffer buffer = records(
                record(".", DT_DIR, 24),
                record("..", DT_DIR, 24),
                record("file.txt", DT_REG, 32),
                record("sub", DT_DIR, 24),
                record("link", DT_LNK, 24),
                record("on-a-file-system-without-types", DT_UNKNOWN, 56));

        DirentDecoder.decode(buffer, StandardCharsets.UTF_8, true, this::collect);

        assertEquals(List.of("file.txt OTHER", "sub DIRECTORY", "link OTHER",
                "on-a-file-system-without-types UNKNOWN"), decoded);
        assertEquals(0, buffer.position(), "the caller's buffer is left alone");
    }

    @Test
    void handsOverOnlyPossibleDirectoriesWhenAskedTo() throws InotifyException {
        DirentDecoder.decode(records(
                record("file.txt", DT_REG, 32),
                record("sub", DT_DIR, 24),
                record("link", DT_LNK, 24),
                record("unknown", DT_UNKNOWN, 32)), StandardCharsets.UTF_8, false, this::collect);

        assertEquals(List.of("sub DIRECTORY", "unknown UNKNOWN"), decoded);
    }

    @Test
    void namesThatOnlyStartWithDotsAreEntries() throws InotifyException {
        DirentDecoder.decode(records(
                record(".hidden", DT_REG, 32),
                record("...", DT_DIR, 24),
                record("..x", DT_DIR, 24)), StandardCharsets.UTF_8, true, this::collect);

        assertEquals(List.of(".hidden OTHER", "... DIRECTORY", "..x DIRECTORY"), decoded);
    }

    @Test
    void decodesNamesWithTheGivenCharset() throws InotifyException {
        String name = "gr\u00fc\u00dfe-\u65e5\u672c";

        DirentDecoder.decode(records(record(name, DT_DIR, 48)), StandardCharsets.UTF_8, true, this::collect);

        assertEquals(List.of(name + " DIRECTORY"), decoded);
    }

    @Test
    void aRecordRunningPastTheEndIsMalformed() {
        ByteBuffer buffer = records(record("sub", DT_DIR, 24));
        buffer.putShort(16, (short) 200);

        assertThrows(InotifyException.class,
                () -> DirentDecoder.decode(buffer, StandardCharsets.UTF_8, true, this::collect));
    }

    @Test
    void aRecordTooShortToHoldANameIsMalformed() {
        ByteBuffer buffer = records(record("sub", DT_DIR, 24), record("next", DT_DIR, 24));
        buffer.putShort(16, (short) 19);

        assertThrows(InotifyException.class,
                () -> DirentDecoder.decode(buffer, StandardCharsets.UTF_8, true, this::collect));
    }

    @Test
    void aNameWithoutItsNulIsMalformed() {
        ByteBuffer buffer = records(record("abcde", DT_DIR, 32));
        for (int i = 19 + 5; i < 32; i++) {
            buffer.put(i, (byte) 'x'); // the NUL after the name, and the padding
        }

        assertThrows(InotifyException.class,
                () -> DirentDecoder.decode(buffer, StandardCharsets.UTF_8, true, this::collect));
    }

    @Test
    void trailingBytesTooFewForARecordAreMalformed() {
        ByteBuffer whole = records(record("sub", DT_DIR, 24));
        ByteBuffer withTail = ByteBuffer.allocate(whole.remaining() + 8);
        withTail.put(whole).flip();
        withTail.limit(withTail.capacity());

        assertThrows(InotifyException.class,
                () -> DirentDecoder.decode(withTail, StandardCharsets.UTF_8, true, this::collect));
    }

    private void collect(String name, EntryKind kind) {
        decoded.add(name + " " + kind);
    }

    /** One record of {@code length} bytes: d_ino, d_off, d_reclen, d_type, then the name, NUL and padding. */
    private static byte[] record(String name, int type, int length) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        record.putLong(12345).putLong(67890).putShort((short) length).put((byte) type).put(bytes);
        return record.array();
    }

    private static ByteBuffer records(byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes(record);
        }
        return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.nativeOrder());
    }
}
