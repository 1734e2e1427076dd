package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.windows.FileNotifyDecoder.Decoded;
import dev.nativewatch.backend.windows.FileNotifyDecoder.NotifyRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_ADDED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_MODIFIED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_REMOVED;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_RENAMED_NEW_NAME;
import static dev.nativewatch.backend.windows.FileNotifyDecoder.FILE_ACTION_RENAMED_OLD_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FILE_NOTIFY_INFORMATION buffers built by hand, well-formed and not. */
class FileNotifyDecoderTest {

    private static Decoded decode(byte[] buffer) {
        return FileNotifyDecoder.decode(buffer, 0, buffer.length);
    }

    @Test
    void aSingleRecord() {
        Decoded decoded = decode(NotifyBuffer.windows().add(FILE_ACTION_ADDED, "foo.txt").bytes());
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_ADDED, "foo.txt")), decoded.records());
        assertFalse(decoded.malformed());
    }

    @Test
    void chainedRecordsPaddedToFourBytesAsWindowsWritesThem() {
        byte[] buffer = NotifyBuffer.windows().add(FILE_ACTION_RENAMED_OLD_NAME, "a")
                .add(FILE_ACTION_RENAMED_NEW_NAME, "bcd").add(FILE_ACTION_MODIFIED, "sub\\e").bytes();
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_RENAMED_OLD_NAME, "a"),
                new NotifyRecord(FILE_ACTION_RENAMED_NEW_NAME, "bcd"),
                new NotifyRecord(FILE_ACTION_MODIFIED, "sub\\e")), decode(buffer).records());
        assertFalse(decode(buffer).malformed());
    }

    @Test
    void unalignedRecordsAsWinePacksThem() {
        byte[] buffer = NotifyBuffer.wine().add(FILE_ACTION_ADDED, "foo").add(FILE_ACTION_MODIFIED, "foo")
                .add(FILE_ACTION_REMOVED, "x").bytes();
        assertEquals(18, buffer[0], "NextEntryOffset is 12 + 6, not a multiple of 4");
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_ADDED, "foo"), new NotifyRecord(FILE_ACTION_MODIFIED, "foo"),
                new NotifyRecord(FILE_ACTION_REMOVED, "x")), decode(buffer).records());
        assertFalse(decode(buffer).malformed());
    }

    @Test
    void everyActionAndNoOther() {
        NotifyBuffer buffer = NotifyBuffer.windows();
        for (int action = 0; action <= 7; action++) {
            buffer.add(action, "n" + action);
        }
        Decoded decoded = decode(buffer.bytes());
        assertEquals(List.of(new NotifyRecord(1, "n1"), new NotifyRecord(2, "n2"), new NotifyRecord(3, "n3"),
                new NotifyRecord(4, "n4"), new NotifyRecord(5, "n5")), decoded.records(), "unknown actions are skipped");
        assertFalse(decoded.malformed());
    }

    @Test
    void aZeroLengthNameIsARecordAboutTheDirectoryItself() {
        Decoded decoded = decode(NotifyBuffer.wine().add(FILE_ACTION_MODIFIED, "").add(FILE_ACTION_ADDED, "x").bytes());
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_MODIFIED, ""), new NotifyRecord(FILE_ACTION_ADDED, "x")),
                decoded.records());
        assertFalse(decoded.malformed());
    }

    @Test
    void surrogatePairsAndUnpairedSurrogatesComeThroughAsCodeUnits() {
        String pair = "\uD83D\uDE00.txt";
        String lone = "x\uDC00y";
        Decoded decoded = decode(NotifyBuffer.windows().add(FILE_ACTION_ADDED, pair).add(FILE_ACTION_ADDED, lone).bytes());
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_ADDED, pair), new NotifyRecord(FILE_ACTION_ADDED, lone)),
                decoded.records());
    }

    @Test
    void aTruncatedHeaderIsMalformed() {
        byte[] buffer = NotifyBuffer.windows().add(FILE_ACTION_ADDED, "a").add(FILE_ACTION_ADDED, "b").bytes();
        Decoded decoded = decode(Arrays.copyOf(buffer, 16 + 8));
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_ADDED, "a")), decoded.records());
        assertTrue(decoded.malformed());
        assertTrue(decode(new byte[11]).malformed());
        assertTrue(decode(new byte[0]).malformed(), "no bytes is no record, and a zero-byte read is an overflow anyway");
    }

    @Test
    void aNameBeyondTheBytesReturnedIsMalformed() {
        byte[] buffer = NotifyBuffer.windows().add(FILE_ACTION_ADDED, "abcdef").bytes();
        Decoded decoded = FileNotifyDecoder.decode(buffer, 0, buffer.length - 2);
        assertEquals(List.of(), decoded.records());
        assertTrue(decoded.malformed());
    }

    @Test
    void aNameLengthNearTwoToTheThirtyTwoIsMalformed() {
        byte[] buffer = NotifyBuffer.windows().raw(FILE_ACTION_ADDED, 0xFFFF_FFFE, new byte[4]).bytes();
        assertTrue(decode(buffer).malformed());
    }

    @Test
    void anOddNameLengthIsMalformed() {
        byte[] buffer = NotifyBuffer.windows().raw(FILE_ACTION_ADDED, 3, new byte[]{'a', 0, 'b', 0}).bytes();
        Decoded decoded = decode(buffer);
        assertTrue(decoded.malformed());
        assertEquals(List.of(), decoded.records());
    }

    @Test
    void aNextOffsetIntoItsOwnRecordIsMalformed() {
        byte[] buffer = NotifyBuffer.windows().add(FILE_ACTION_ADDED, "abc").add(FILE_ACTION_ADDED, "d").bytes();
        NotifyBuffer.setInt(buffer, 0, 12);
        assertTrue(decode(buffer).malformed(), "the next record would start inside this one's name");
        NotifyBuffer.setInt(buffer, 0, 0x7FFF_FFF0);
        assertTrue(decode(buffer).malformed(), "the next record would start past the bytes returned");
        NotifyBuffer.setInt(buffer, 0, -4);
        assertTrue(decode(buffer).malformed(), "an offset read as unsigned never goes backwards");
    }

    @Test
    void aBufferLengthBeyondTheArrayIsMalformedNotAnException() {
        byte[] buffer = NotifyBuffer.windows().add(FILE_ACTION_ADDED, "a").bytes();
        assertTrue(FileNotifyDecoder.decode(buffer, 0, buffer.length + 1).malformed());
        assertTrue(FileNotifyDecoder.decode(buffer, 4, buffer.length).malformed());
    }

    @Test
    void decodingStartsAtTheGivenOffset() {
        byte[] record = NotifyBuffer.wine().add(FILE_ACTION_REMOVED, "z").bytes();
        byte[] buffer = new byte[record.length + 3];
        System.arraycopy(record, 0, buffer, 3, record.length);
        assertEquals(List.of(new NotifyRecord(FILE_ACTION_REMOVED, "z")),
                FileNotifyDecoder.decode(buffer, 3, record.length).records());
    }
}
