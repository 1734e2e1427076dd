package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.windows.FileNotifyDecoder.Decoded;
import dev.nativewatch.backend.windows.FileNotifyDecoder.NotifyRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random buffers through the decoder and the name check, as the poller would run them: nothing may throw, and
 * no accepted name may lead outside the watched directory. Seeded, so that a failure repeats.
 */
class DecoderFuzzTest {

    private static final FileSystem FS = FileSystems.getDefault();
    private static final Path ROOT = FS.getPath("/watched/root");
    private static final char[] NASTY = {'a', 'b', '.', '.', '\\', '\\', '/', ':', ' ', '\0', '~', '\uD83D', '\uDE00',
            '\uDC00', '*', '?', '"', '<', '|', '\u00e9'};
    private static final int BUFFERS = 300_000;

    @Test
    void randomBuffersNeverThrowAndNeverLeaveTheRoot() {
        Random random = new Random(0x5EED_F11EL);
        int accepted = 0;
        int malformed = 0;
        for (int i = 0; i < BUFFERS; i++) {
            byte[] buffer = i % 3 == 0 ? randomBytes(random) : plausible(random);
            int length = random.nextInt(8) == 0 ? random.nextInt(buffer.length + 1) : buffer.length;
            Decoded decoded;
            try {
                decoded = FileNotifyDecoder.decode(buffer, 0, length);
            } catch (RuntimeException e) {
                throw new AssertionError("buffer " + i + " (seeded) threw", e);
            }
            malformed += decoded.malformed() ? 1 : 0;
            for (NotifyRecord record : decoded.records()) {
                assertTrue(record.action() >= 1 && record.action() <= 5);
                if (record.name().isEmpty()) {
                    continue;
                }
                Path relative;
                try {
                    relative = NotifyNames.relative(FS, record.name());
                } catch (RuntimeException e) {
                    throw new AssertionError("name " + record.name() + " threw", e);
                }
                if (relative != null) {
                    accepted++;
                    checkInside(relative, record.name());
                }
            }
        }
        assertTrue(accepted > BUFFERS / 10, "the fuzzer must reach the name check often: " + accepted);
        assertTrue(malformed > BUFFERS / 10, "and produce malformed buffers often: " + malformed);
    }

    @Test
    void theFuzzersNastiestNamesAreRefused() {
        assertNull(NotifyNames.relative(FS, "a\\..\\..\\b"));
        assertNull(NotifyNames.relative(FS, "\\\\.\\b"));
        assertFalse(NotifyNames.relative(FS, "a.b").isAbsolute());
    }

    private static void checkInside(Path relative, String name) {
        if (relative.isAbsolute() || relative.getRoot() != null || relative.getNameCount() == 0) {
            fail("not a relative path: " + relative + " from " + name);
        }
        for (Path segment : relative) {
            String s = segment.toString();
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                fail("segment " + s + " in " + relative + " from " + name);
            }
        }
        Path resolved = ROOT.resolve(relative);
        assertEquals(resolved, resolved.normalize(), name);
        assertTrue(resolved.startsWith(ROOT) && !resolved.equals(ROOT), name);
    }

    private static byte[] randomBytes(Random random) {
        byte[] buffer = new byte[random.nextInt(64)];
        random.nextBytes(buffer);
        return buffer;
    }

    /** Records that are mostly well-formed, with nasty names and now and then a wrong field. */
    private static byte[] plausible(Random random) {
        NotifyBuffer buffer = random.nextBoolean() ? NotifyBuffer.windows() : NotifyBuffer.wine();
        int records = 1 + random.nextInt(4);
        for (int r = 0; r < records; r++) {
            int action = random.nextInt(10) == 0 ? random.nextInt() : 1 + random.nextInt(5);
            String name = name(random);
            byte[] encoded = NotifyBuffer.utf16(name);
            int length = random.nextInt(10) == 0 ? random.nextInt(1 << 16) : encoded.length;
            buffer.raw(action, length, encoded);
        }
        byte[] bytes = buffer.bytes();
        if (random.nextInt(6) == 0) {
            NotifyBuffer.setInt(bytes, 0, random.nextInt(bytes.length + 16));
        }
        return bytes;
    }

    private static String name(Random random) {
        StringBuilder name = new StringBuilder();
        int length = random.nextInt(9);
        for (int c = 0; c < length; c++) {
            name.append(NASTY[random.nextInt(NASTY.length)]);
        }
        return name.toString();
    }
}
