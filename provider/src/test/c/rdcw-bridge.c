/*
 * rdcw-bridge: makes the Win32 directory-watching calls of nativewatch's Windows backend on behalf of a Java
 * process, so that the backend can run against Wine's real ReadDirectoryChangesW on a machine without Windows.
 * Built with x86_64-w64-mingw32-gcc, run under Wine as a child process; test-only, never part of the jar.
 *
 * Protocol over stdin/stdout, every integer little-endian, every string u32 byte count + UTF-16LE:
 *   request   u32 length | u32 id | u8 op | payload          (length counts everything after itself)
 *   response  u32 length | u32 id | u8 'R' | u32 error | result   (one per request whose id is not 0)
 *   packet    u32 length | u32 0  | u8 'C' | u64 key | u32 bytes | u32 error | u32 n | n bytes of the buffer
 * Every dequeued completion is streamed as a packet the moment a second thread takes it from the port; the
 * read's buffer is copied into the packet then, and reused only by the next READ on that handle.
 * End of stdin cancels and closes everything and ends the process.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    OP_OPEN = 1,       /* str path                          -> u64 handle */
    OP_INFO = 2,       /* u64 handle                        -> u32 volume serial, index high, index low, attributes */
    OP_FINAL_PATH = 3, /* u64 handle                        -> str */
    OP_LONG_PATH = 4,  /* str path                          -> str */
    OP_ASSOCIATE = 5,  /* u64 handle, u64 key               -> nothing */
    OP_READ = 6,       /* u64 handle, u32 size, u8 subtree, u32 filter -> nothing; the result comes as a packet */
    OP_POST = 7,       /* u64 key                           -> nothing */
    OP_CANCEL = 8,     /* u64 handle                        -> nothing (CancelIoEx's error) */
    OP_CLOSE = 9,      /* u64 handle                        -> nothing */
    OP_STATS = 10,     /*                                   -> u32 directory handles, pending reads, buffers, ports */
    OP_EXPORTS = 11    /* str dll, str function             -> u32 1 if the dll exports the function, else 0 */
};

/* One directory handle and the memory of its one outstanding read. */
typedef struct slot {
    HANDLE handle;
    OVERLAPPED overlapped;
    BYTE *buffer;
    DWORD size;
    int pending;
    int closed;
    struct slot *next;
} slot;

static HANDLE port;
static HANDLE out;
static CRITICAL_SECTION lock;
static slot *slots;
static LONG directoryHandles, pendingReads, buffers, ports;

/* ---- output, always under lock */

typedef struct {
    BYTE *data;
    DWORD length, capacity;
} frame;

static void put(frame *f, const void *bytes, DWORD n) {
    if (f->length + n > f->capacity) {
        DWORD capacity = f->capacity ? f->capacity : 256;
        while (capacity < f->length + n) {
            capacity *= 2;
        }
        f->data = realloc(f->data, capacity);
        if (!f->data) {
            ExitProcess(3);
        }
        f->capacity = capacity;
    }
    memcpy(f->data + f->length, bytes, n);
    f->length += n;
}

static void put32(frame *f, uint32_t v) { put(f, &v, 4); }
static void put64(frame *f, uint64_t v) { put(f, &v, 8); }

static void putString(frame *f, const WCHAR *s, DWORD chars) {
    put32(f, chars * 2);
    put(f, s, chars * 2);
}

static void begin(frame *f, uint32_t id, char kind) {
    f->length = 0;
    put32(f, 0);
    put32(f, id);
    put(f, &kind, 1);
}

static void send(frame *f) {
    uint32_t length = f->length - 4;
    DWORD written, offset = 0;
    memcpy(f->data, &length, 4);
    while (offset < f->length) {
        if (!WriteFile(out, f->data + offset, f->length - offset, &written, NULL) || written == 0) {
            ExitProcess(4); /* the Java side is gone */
        }
        offset += written;
    }
}

/* ---- input */

static int readFully(HANDLE in, void *target, DWORD n) {
    DWORD got, offset = 0;
    while (offset < n) {
        if (!ReadFile(in, (BYTE *) target + offset, n - offset, &got, NULL) || got == 0) {
            return 0;
        }
        offset += got;
    }
    return 1;
}

typedef struct {
    const BYTE *data;
    DWORD length, offset;
    int bad;
} reader;

static const void *take(reader *r, DWORD n) {
    if (r->bad || r->length - r->offset < n) {
        r->bad = 1;
        return NULL;
    }
    r->offset += n;
    return r->data + r->offset - n;
}

static uint64_t take64(reader *r) { uint64_t v = 0; const void *p = take(r, 8); if (p) memcpy(&v, p, 8); return v; }
static uint32_t take32(reader *r) { uint32_t v = 0; const void *p = take(r, 4); if (p) memcpy(&v, p, 4); return v; }
static uint8_t take8(reader *r) { const uint8_t *p = take(r, 1); return p ? *p : 0; }

/* Returns a NUL-terminated copy the caller frees, or NULL. */
static WCHAR *takeString(reader *r) {
    uint32_t bytes = take32(r);
    const void *p;
    WCHAR *s;
    if (bytes % 2 != 0 || bytes > 1 << 20) {
        r->bad = 1;
        return NULL;
    }
    p = take(r, bytes);
    if (!p) {
        return NULL;
    }
    s = malloc(bytes + 2);
    memcpy(s, p, bytes);
    s[bytes / 2] = 0;
    return s;
}

/* ---- slots, under lock */

static slot *find(uint64_t handle) {
    slot *s;
    for (s = slots; s; s = s->next) {
        if (!s->closed && (uint64_t) (uintptr_t) s->handle == handle) {
            return s;
        }
    }
    return NULL;
}

static void unlink_and_free(slot *s) {
    slot **p;
    for (p = &slots; *p; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            break;
        }
    }
    if (s->buffer) {
        free(s->buffer);
        InterlockedDecrement(&buffers);
    }
    free(s);
}

/* ---- the requests */

static void handle(uint32_t id, uint8_t op, reader *r, frame *f) {
    DWORD error = 0;
    frame result = {0};
    slot *s = NULL;
    switch (op) {
    case OP_OPEN: {
        WCHAR *path = takeString(r);
        HANDLE h;
        if (!path) break;
        h = CreateFileW(path, FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                        OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OVERLAPPED, NULL);
        error = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
        free(path);
        if (!error) {
            s = calloc(1, sizeof(slot));
            s->handle = h;
            s->next = slots;
            slots = s;
            InterlockedIncrement(&directoryHandles);
        }
        put64(&result, error ? 0 : (uint64_t) (uintptr_t) h);
        break;
    }
    case OP_INFO: {
        BY_HANDLE_FILE_INFORMATION info;
        s = find(take64(r));
        if (!s) { error = ERROR_INVALID_HANDLE; break; }
        if (!GetFileInformationByHandle(s->handle, &info)) { error = GetLastError(); break; }
        put32(&result, info.dwVolumeSerialNumber);
        put32(&result, info.nFileIndexHigh);
        put32(&result, info.nFileIndexLow);
        put32(&result, info.dwFileAttributes);
        break;
    }
    case OP_FINAL_PATH: {
        WCHAR path[32768];
        DWORD n;
        s = find(take64(r));
        if (!s) { error = ERROR_INVALID_HANDLE; break; }
        n = GetFinalPathNameByHandleW(s->handle, path, 32768, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
        if (n == 0 || n >= 32768) { error = n ? ERROR_INSUFFICIENT_BUFFER : GetLastError(); break; }
        putString(&result, path, n);
        break;
    }
    case OP_LONG_PATH: {
        WCHAR *path = takeString(r);
        WCHAR longPath[32768];
        DWORD n;
        if (!path) break;
        n = GetLongPathNameW(path, longPath, 32768);
        error = n == 0 ? GetLastError() : n >= 32768 ? ERROR_INSUFFICIENT_BUFFER : 0;
        free(path);
        if (!error) putString(&result, longPath, n);
        break;
    }
    case OP_ASSOCIATE: {
        uint64_t key;
        s = find(take64(r));
        key = take64(r);
        if (!s) { error = ERROR_INVALID_HANDLE; break; }
        if (!CreateIoCompletionPort(s->handle, port, (ULONG_PTR) key, 0)) error = GetLastError();
        break;
    }
    case OP_READ: {
        uint32_t size, filter;
        uint8_t subtree;
        s = find(take64(r));
        size = take32(r);
        subtree = take8(r);
        filter = take32(r);
        if (r->bad) break;
        if (!s) { error = ERROR_INVALID_HANDLE; break; }
        if (s->pending) { error = ERROR_BUSY; break; } /* one outstanding read per handle and buffer */
        if (s->buffer && s->size != size) {
            free(s->buffer);
            s->buffer = NULL;
            InterlockedDecrement(&buffers);
        }
        if (!s->buffer) {
            s->buffer = malloc(size ? size : 1); /* malloc is 16-byte aligned: DWORD alignment holds */
            s->size = size;
            InterlockedIncrement(&buffers);
        }
        memset(&s->overlapped, 0, sizeof(OVERLAPPED));
        s->pending = 1;
        InterlockedIncrement(&pendingReads);
        if (!ReadDirectoryChangesW(s->handle, s->buffer, size, subtree, filter, NULL, &s->overlapped, NULL)) {
            error = GetLastError();
            s->pending = 0; /* failed at once: no packet will come */
            InterlockedDecrement(&pendingReads);
        }
        break;
    }
    case OP_POST:
        if (!PostQueuedCompletionStatus(port, 0, (ULONG_PTR) take64(r), NULL)) error = GetLastError();
        break;
    case OP_CANCEL:
        s = find(take64(r));
        if (!s) { error = ERROR_INVALID_HANDLE; break; }
        if (!CancelIoEx(s->handle, &s->overlapped)) error = GetLastError();
        break;
    case OP_CLOSE:
        s = find(take64(r));
        if (!s) { error = ERROR_INVALID_HANDLE; break; }
        if (!CloseHandle(s->handle)) error = GetLastError();
        InterlockedDecrement(&directoryHandles);
        if (s->pending) {
            s->closed = 1; /* the memory stays until the read's packet has been dequeued */
        } else {
            unlink_and_free(s);
        }
        break;
    case OP_STATS:
        put32(&result, (uint32_t) directoryHandles);
        put32(&result, (uint32_t) pendingReads);
        put32(&result, (uint32_t) buffers);
        put32(&result, (uint32_t) ports);
        break;
    case OP_EXPORTS: {
        WCHAR *dll = takeString(r);
        WCHAR *function = takeString(r);
        char name[256];
        HMODULE module;
        if (dll && function && WideCharToMultiByte(CP_ACP, 0, function, -1, name, sizeof name, NULL, NULL) > 0) {
            module = LoadLibraryW(dll);
            put32(&result, module && GetProcAddress(module, name) ? 1 : 0);
        } else {
            r->bad = 1;
        }
        free(dll);
        free(function);
        break;
    }
    default:
        error = ERROR_INVALID_FUNCTION;
    }
    if (r->bad) {
        error = ERROR_BAD_FORMAT;
        result.length = 0;
    }
    if (id != 0) {
        begin(f, id, 'R');
        put32(f, error);
        if (!error && result.length) put(f, result.data, result.length);
        send(f);
    }
    free(result.data);
}

/* ---- the completion thread: every packet the port yields goes to stdout at once */

static DWORD WINAPI completions(LPVOID unused) {
    frame f = {0};
    (void) unused;
    for (;;) {
        DWORD bytes = 0, error = 0;
        ULONG_PTR key = 0;
        OVERLAPPED *overlapped = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, INFINITE);
        if (!ok) error = GetLastError();
        if (!ok && overlapped == NULL) {
            return 0; /* the port was closed */
        }
        EnterCriticalSection(&lock);
        begin(&f, 0, 'C');
        put64(&f, key);
        put32(&f, bytes);
        put32(&f, error);
        if (overlapped) {
            slot *s = CONTAINING_RECORD(overlapped, slot, overlapped);
            DWORD n = bytes < s->size ? bytes : s->size;
            put32(&f, n);
            put(&f, s->buffer, n);
            s->pending = 0;
            InterlockedDecrement(&pendingReads);
            if (s->closed) unlink_and_free(s);
        } else {
            put32(&f, 0);
        }
        send(&f);
        LeaveCriticalSection(&lock);
    }
}

static void shutdown_all(void) {
    slot *s;
    int i;
    EnterCriticalSection(&lock);
    for (s = slots; s; s = s->next) {
        if (s->pending && !s->closed) CancelIoEx(s->handle, &s->overlapped);
    }
    LeaveCriticalSection(&lock);
    for (i = 0; i < 200 && pendingReads > 0; i++) Sleep(10);
    EnterCriticalSection(&lock);
    for (s = slots; s; s = s->next) {
        if (!s->closed) CloseHandle(s->handle);
    }
    LeaveCriticalSection(&lock);
}

int main(void) {
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    frame f = {0};
    BYTE *request = NULL;
    DWORD capacity = 0;
    out = GetStdHandle(STD_OUTPUT_HANDLE);
    InitializeCriticalSection(&lock);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (!port) return 2;
    ports = 1;
    if (!CreateThread(NULL, 0, completions, NULL, 0, NULL)) return 2;
    for (;;) {
        uint32_t length;
        reader r = {0};
        uint32_t id;
        uint8_t op;
        if (!readFully(in, &length, 4) || length < 5 || length > (1 << 21)) break;
        if (length > capacity) {
            request = realloc(request, length);
            capacity = length;
        }
        if (!readFully(in, request, length)) break;
        r.data = request;
        r.length = length;
        id = take32(&r);
        op = take8(&r);
        EnterCriticalSection(&lock);
        handle(id, op, &r, &f);
        LeaveCriticalSection(&lock);
    }
    shutdown_all();
    ExitProcess(0);
}
