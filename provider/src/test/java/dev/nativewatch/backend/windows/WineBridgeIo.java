package dev.nativewatch.backend.windows;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Win32Io} through the {@code rdcw-bridge} helper, a Windows program run under Wine as a child process:
 * it makes the real Win32 calls (CreateFileW, ReadDirectoryChangesW, the completion port) and streams their
 * results back. The protocol is described in {@code provider/src/main/c/rdcw-bridge.c}. The read buffers live in
 * the helper, which copies a read's bytes out as it dequeues its completion; one reader thread here sorts the
 * helper's messages into replies and completions. Linux paths appear to Wine under drive {@code Z:}.
 */
public final class WineBridgeIo implements Win32Io {

    private static final byte OP_OPEN = 1;
    private static final byte OP_INFO = 2;
    private static final byte OP_FINAL_PATH = 3;
    private static final byte OP_LONG_PATH = 4;
    private static final byte OP_ASSOCIATE = 5;
    private static final byte OP_READ = 6;
    private static final byte OP_POST = 7;
    private static final byte OP_CANCEL = 8;
    private static final byte OP_CLOSE = 9;
    private static final byte OP_STATS = 10;
    private static final byte OP_EXPORTS = 11;

    private static final long REPLY_TIMEOUT_SECONDS = 120;
    private static final Object ENDED = new Object();
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Process process;
    private final Path log;
    private final OutputStream toBridge;
    private final Thread reader;
    private final Map<Integer, CompletableFuture<ByteBuffer>> replies = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> completions = new LinkedBlockingQueue<>();
    private final AtomicInteger lastId = new AtomicInteger();
    private final Object writeLock = new Object();
    private volatile IOException ended;
    private boolean closed;

    WineBridgeIo(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.toBridge = process.getOutputStream();
        this.reader = new Thread(this::readReplies, "nativewatch-wine-bridge-reader-" + THREAD_NUMBER.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * What the helper holds open.
     *
     * @param directoryHandles directory handles not yet closed
     * @param pendingReads     reads whose completion has not been dequeued
     * @param buffers          read buffers allocated
     * @param ports            completion ports (1 while the helper runs)
     */
    public record Stats(int directoryHandles, int pendingReads, int buffers, int ports) {
    }

    /** @return the helper's counts of what it holds; callable from any thread */
    public Stats stats() throws IOException {
        ByteBuffer reply = call(OP_STATS, 0, b -> { }, "stats");
        return new Stats(reply.getInt(), reply.getInt(), reply.getInt(), reply.getInt());
    }

    /** @return whether Wine's {@code dll} exports {@code function} (GetProcAddress) */
    public boolean exports(String dll, String function) throws IOException {
        return call(OP_EXPORTS, stringSize(dll) + stringSize(function), b -> {
            putString(b, dll);
            putString(b, function);
        }, "GetProcAddress").getInt() != 0;
    }

    /** @return the helper process, which ends when this is closed */
    public Process process() {
        return process;
    }

    @Override
    public String win32Path(Path absolute) {
        String unix = absolute.toString();
        return "Z:" + (unix.equals("/") ? "\\" : unix.replace('/', '\\'));
    }

    @Override
    public long openDirectory(String path) throws IOException {
        return call(OP_OPEN, stringSize(path), b -> putString(b, path), "CreateFileW").getLong();
    }

    @Override
    public FileInfo fileInfo(long handle) throws IOException {
        ByteBuffer r = call(OP_INFO, 8, b -> b.putLong(handle), "GetFileInformationByHandle");
        return new FileInfo(r.getInt(), r.getInt(), r.getInt(), r.getInt());
    }

    @Override
    public String finalPath(long handle) throws IOException {
        return getString(call(OP_FINAL_PATH, 8, b -> b.putLong(handle), "GetFinalPathNameByHandleW"));
    }

    @Override
    public String longPathName(String path) throws IOException {
        return getString(call(OP_LONG_PATH, stringSize(path), b -> putString(b, path), "GetLongPathNameW"));
    }

    @Override
    public void associate(long handle, long key) throws IOException {
        call(OP_ASSOCIATE, 16, b -> b.putLong(handle).putLong(key), "CreateIoCompletionPort");
    }

    @Override
    public void readChanges(long handle, int bufferSize, boolean subtree, int filter) throws IOException {
        call(OP_READ, 17, b -> b.putLong(handle).putInt(bufferSize).put((byte) (subtree ? 1 : 0)).putInt(filter),
                "ReadDirectoryChangesW");
    }

    @Override
    public Completion dequeue(long timeoutMillis) throws IOException {
        Object next;
        try {
            next = timeoutMillis < 0 ? completions.take() : completions.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (next == ENDED) {
            completions.add(ENDED);
            throw ended;
        }
        return (Completion) next;
    }

    @Override
    public void wakeup() {
        try {
            send(0, OP_POST, 8, b -> b.putLong(WAKEUP_KEY));
        } catch (IOException e) {
            // The helper is gone; the poller learns it from its next dequeue.
        }
    }

    @Override
    public void cancel(long handle) throws IOException {
        call(OP_CANCEL, 8, b -> b.putLong(handle), "CancelIoEx");
    }

    @Override
    public void closeHandle(long handle) throws IOException {
        call(OP_CLOSE, 8, b -> b.putLong(handle), "CloseHandle");
    }

    /** Ends the helper: end of its input makes it cancel and close what is left, close its port and exit. */
    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                toBridge.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
        boolean exited;
        try {
            exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return;
        }
        if (!exited) {
            throw new IOException("the Wine bridge did not end within 30 s of its input closing; killed it");
        }
    }

    // ---- the protocol

    private interface Payload {
        void write(ByteBuffer buffer);
    }

    private ByteBuffer call(byte op, int payloadSize, Payload payload, String function) throws IOException {
        ByteBuffer reply = call(op, payloadSize, payload);
        int error = reply.getInt();
        if (error != 0) {
            throw new Win32CallException(function, error);
        }
        return reply;
    }

    /** @return the reply, positioned at its error code */
    private ByteBuffer call(byte op, int payloadSize, Payload payload) throws IOException {
        int id;
        do {
            id = lastId.incrementAndGet();
        } while (id == 0);
        CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        replies.put(id, reply);
        try {
            send(id, op, payloadSize, payload);
            if (ended != null) {
                throw ended;
            }
            return reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the Wine bridge did not answer within " + REPLY_TIMEOUT_SECONDS + " s" + logTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the Wine bridge");
        } finally {
            replies.remove(id);
        }
    }

    private void send(int id, byte op, int payloadSize, Payload payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + 5 + payloadSize).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(5 + payloadSize).putInt(id).put(op);
        payload.write(frame);
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("the Wine bridge is closed");
            }
            toBridge.write(frame.array());
            toBridge.flush();
        }
    }

    private void readReplies() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
            while (true) {
                int length = Integer.reverseBytes(in.readInt());
                if (length < 5) {
                    throw new IOException("the Wine bridge sent a frame of " + length + " bytes");
                }
                byte[] body = new byte[length];
                in.readFully(body);
                ByteBuffer message = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
                int id = message.getInt();
                byte kind = message.get();
                if (kind == 'C') {
                    long key = message.getLong();
                    int bytes = message.getInt();
                    int error = message.getInt();
                    byte[] data = new byte[message.getInt()];
                    message.get(data);
                    completions.add(new Completion(key, bytes, error, data));
                } else {
                    CompletableFuture<ByteBuffer> reply = replies.get(id);
                    if (reply != null) {
                        reply.complete(message.slice().order(ByteOrder.LITTLE_ENDIAN));
                    }
                }
            }
        } catch (EOFException e) {
            end(null);
        } catch (IOException | RuntimeException e) {
            end(e);
        }
    }

    private void end(Exception cause) {
        String exit;
        try {
            exit = process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "unknown state";
        }
        IOException failure = new IOException("the Wine bridge ended (" + exit + ")" + logTail(), cause);
        ended = failure;
        replies.values().forEach(reply -> reply.completeExceptionally(failure));
        completions.add(ENDED);
    }

    private String logTail() {
        try {
            if (log != null && Files.exists(log)) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                return "; end of " + log + ":\n" + text.substring(Math.max(0, text.length() - 2000));
            }
        } catch (IOException e) {
            // The message stays without it.
        }
        return "";
    }

    private static int stringSize(String s) {
        return 4 + 2 * s.length();
    }

    private static void putString(ByteBuffer buffer, String s) {
        buffer.putInt(2 * s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer.putChar(s.charAt(i));
        }
    }

    private static String getString(ByteBuffer buffer) {
        char[] chars = new char[buffer.getInt() / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = buffer.getChar();
        }
        return new String(chars);
    }
}
