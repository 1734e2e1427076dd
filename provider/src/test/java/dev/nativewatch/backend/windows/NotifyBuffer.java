package dev.nativewatch.backend.windows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds FILE_NOTIFY_INFORMATION buffers by hand, padded as Windows pads them or packed as Wine packs them. */
final class NotifyBuffer {

    private final boolean padded;
    private final List<byte[]> records = new ArrayList<>();

    private NotifyBuffer(boolean padded) {
        this.padded = padded;
    }

    /** Records with NextEntryOffset rounded up to a multiple of 4, as Windows writes them. */
    static NotifyBuffer windows() {
        return new NotifyBuffer(true);
    }

    /** Records packed with no padding, as Wine writes them. */
    static NotifyBuffer wine() {
        return new NotifyBuffer(false);
    }

    NotifyBuffer add(int action, String name) {
        byte[] encoded = utf16(name);
        return raw(action, encoded.length, encoded);
    }

    /** A record whose FileNameLength says {@code nameLength}, followed by {@code nameBytes}, whatever they are. */
    NotifyBuffer raw(int action, int nameLength, byte[] nameBytes) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        writeInt(record, 0); // NextEntryOffset, set in bytes()
        writeInt(record, action);
        writeInt(record, nameLength);
        record.writeBytes(nameBytes);
        records.add(record.toByteArray());
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            byte[] record = records.get(i).clone();
            int size = record.length;
            int padding = padded ? (4 - size % 4) % 4 : 0;
            if (i < records.size() - 1) {
                setInt(record, 0, size + padding);
            }
            out.writeBytes(record);
            if (i < records.size() - 1) {
                out.writeBytes(new byte[padding]);
            }
        }
        return out.toByteArray();
    }

    static byte[] utf16(String s) {
        byte[] bytes = new byte[2 * s.length()];
        for (int i = 0; i < s.length(); i++) {
            bytes[2 * i] = (byte) s.charAt(i);
            bytes[2 * i + 1] = (byte) (s.charAt(i) >> 8);
        }
        return bytes;
    }

    static void setInt(byte[] buffer, int at, int value) {
        for (int i = 0; i < 4; i++) {
            buffer[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
    }
}
