package dev.nativewatch.backend.windows;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the records {@code ReadDirectoryChangesW} writes, checking every offset and length against the number
 * of bytes returned. Fields are read byte by byte, so records need no alignment: Wine does not round
 * {@code NextEntryOffset} up to a multiple of four.
 *
 * <pre>
 * typedef struct _FILE_NOTIFY_INFORMATION {
 *   DWORD NextEntryOffset;   // 0: bytes from this record to the next; 0 ends the list
 *   DWORD Action;            // 4: FILE_ACTION_*
 *   DWORD FileNameLength;    // 8: in bytes, no terminating NUL
 *   WCHAR FileName[1];       // 12: relative to the watched directory, '\' between names
 * } FILE_NOTIFY_INFORMATION;
 * </pre>
 */
final class FileNotifyDecoder {

    static final int FILE_ACTION_ADDED = 1;
    static final int FILE_ACTION_REMOVED = 2;
    static final int FILE_ACTION_MODIFIED = 3;
    static final int FILE_ACTION_RENAMED_OLD_NAME = 4;
    static final int FILE_ACTION_RENAMED_NEW_NAME = 5;

    private static final int HEADER = 12;

    private FileNotifyDecoder() {
    }

    /**
     * One record.
     *
     * @param action one of the {@code FILE_ACTION_*} values; records with other values are skipped
     * @param name   the name exactly as UTF-16 code units, unpaired surrogates included; may be empty
     */
    record NotifyRecord(int action, String name) {
    }

    /**
     * What a buffer held.
     *
     * @param records     the well-formed records up to the first malformed one
     * @param malformation why decoding stopped early, or null if the whole buffer was well-formed
     */
    record Decoded(List<NotifyRecord> records, String malformation) {
        boolean malformed() {
            return malformation != null;
        }
    }

    /** Decodes {@code length} bytes of {@code buffer} starting at {@code offset}. Never throws for any content. */
    static Decoded decode(byte[] buffer, int offset, int length) {
        List<NotifyRecord> records = new ArrayList<>();
        if (offset < 0 || length < 0 || length > buffer.length - offset) {
            return new Decoded(records, "length " + length + " exceeds the buffer");
        }
        int at = 0;
        while (true) {
            if (length - at < HEADER) {
                return new Decoded(records, "record at " + at + " is truncated: " + (length - at) + " bytes left");
            }
            long next = u32(buffer, offset + at);
            long action = u32(buffer, offset + at + 4);
            long nameLength = u32(buffer, offset + at + 8);
            if (nameLength % 2 != 0) {
                return new Decoded(records, "record at " + at + " has an odd name length " + nameLength);
            }
            if (nameLength > length - at - HEADER) {
                return new Decoded(records, "record at " + at + " has a name of " + nameLength
                        + " bytes, beyond the " + length + " bytes returned");
            }
            if (next != 0 && next < HEADER + nameLength) {
                return new Decoded(records, "record at " + at + " overlaps the next one (offset " + next + ")");
            }
            if (next != 0 && next >= length - at) {
                return new Decoded(records, "record at " + at + " points past the bytes returned (offset " + next + ")");
            }
            if (action >= FILE_ACTION_ADDED && action <= FILE_ACTION_RENAMED_NEW_NAME) {
                records.add(new NotifyRecord((int) action, utf16(buffer, offset + at + HEADER, (int) nameLength)));
            }
            if (next == 0) {
                return new Decoded(records, null);
            }
            at += (int) next;
        }
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    /** Copies code units as they are, as the JDK does: a name need not be valid UTF-16 on NTFS. */
    private static String utf16(byte[] b, int from, int bytes) {
        char[] chars = new char[bytes / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((b[from + 2 * i] & 0xff) | (b[from + 2 * i + 1] & 0xff) << 8);
        }
        return new String(chars);
    }
}
