package dev.nativewatch.backend.windows;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decoding one full {@code ReadDirectoryChangesW} buffer: the Windows backend's default 16 KB holding 400
 * {@code FILE_ACTION_ADDED} records with 14-character names (12 bytes of header and 28 of UTF-16 name each,
 * already DWORD-aligned). The score, per operation, is records per second. It lives in the decoder's package
 * because the decoder is package-private.
 */
@State(Scope.Thread)
public class FileNotifyDecoderBenchmark {

    static final int RECORDS = 400;
    private static final int HEADER = 12;
    private static final int NAME_BYTES = 28;
    private static final int RECORD = HEADER + NAME_BYTES;

    private byte[] buffer;

    @Setup
    public void fill() {
        ByteBuffer out = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < RECORDS; i++) {
            out.putInt(i == RECORDS - 1 ? 0 : RECORD).putInt(FileNotifyDecoder.FILE_ACTION_ADDED).putInt(NAME_BYTES);
            out.put(String.format("file-%05d.txt", i).getBytes(StandardCharsets.UTF_16LE));
        }
        buffer = out.array();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public FileNotifyDecoder.Decoded decode() {
        return FileNotifyDecoder.decode(buffer, 0, RECORDS * RECORD);
    }
}
