package dev.nativewatch.backend.linux;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decoding one full read of an inotify descriptor: the engine's 64 KB buffer holding 2048 {@code IN_CREATE}
 * records with 14-byte names (each 16 bytes of header and a 16-byte padded name, as the kernel pads them). The
 * score, per operation, is records per second. It lives in the decoder's package because the decoder is
 * package-private.
 */
@State(Scope.Thread)
public class InotifyEventDecoderBenchmark {

    static final int RECORDS = 2048;
    private static final int NAME_FIELD = 16;
    private static final int IN_CREATE = 0x100;

    private ByteBuffer buffer;

    @Setup
    public void fill() {
        buffer = ByteBuffer.allocateDirect(RECORDS * (InotifyEventDecoder.HEADER_BYTES + NAME_FIELD))
                .order(ByteOrder.nativeOrder());
        for (int i = 0; i < RECORDS; i++) {
            buffer.putInt(1).putInt(IN_CREATE).putInt(0).putInt(NAME_FIELD);
            byte[] name = String.format("file-%05d.txt", i).getBytes(StandardCharsets.US_ASCII);
            buffer.put(name).put(new byte[NAME_FIELD - name.length]); // NUL-terminated, NUL-padded
        }
        buffer.flip();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public boolean decode(Blackhole events) {
        buffer.rewind();
        return InotifyEventDecoder.decode(buffer, StandardCharsets.UTF_8, events::consume);
    }
}
