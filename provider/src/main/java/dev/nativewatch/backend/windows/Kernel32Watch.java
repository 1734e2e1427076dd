package dev.nativewatch.backend.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * Every kernel32 function the backend calls, declared here rather than taken from jna-platform so that JNA
 * itself is the library's only runtime dependency. Names and parameters are the SDK's. Handles are plain
 * {@link Pointer}s: a type of our own would have to be instantiated by JNA reflectively, which a module that does
 * not export this package forbids. Overlapped-I/O parameters are {@link Pointer}s too, never a {@code Structure}:
 * JNA writes a Structure's Java fields back before every call, which would clobber {@code OVERLAPPED.Internal}.
 * Every name that takes a string ends in W, and the options are the Unicode ones, so {@code -Dw32.ascii=true}
 * cannot bind {@code CreateFile} to the ANSI function.
 */
interface Kernel32Watch extends StdCallLibrary {

    Kernel32Watch INSTANCE = Native.load("kernel32", Kernel32Watch.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code INVALID_HANDLE_VALUE}, {@code (HANDLE) -1}, as the value of a {@link Pointer}. */
    long INVALID_HANDLE_VALUE = -1L;

    /** {@code INFINITE}, the timeout that never expires. */
    int INFINITE = 0xFFFFFFFF;

    /** {@code FILE_LIST_DIRECTORY}: the access right a directory handle needs to read its changes. */
    int FILE_LIST_DIRECTORY = 0x0001;

    /** {@code FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE}: never keep anyone from changing the tree. */
    int FILE_SHARE_ALL = 0x0001 | 0x0002 | 0x0004;

    /** {@code OPEN_EXISTING} */
    int OPEN_EXISTING = 3;

    /** {@code FILE_FLAG_BACKUP_SEMANTICS}, without which CreateFile does not open a directory. */
    int FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;

    /** {@code FILE_FLAG_OVERLAPPED}, so that reads complete on the completion port. */
    int FILE_FLAG_OVERLAPPED = 0x40000000;

    /** {@code FILE_NAME_NORMALIZED | VOLUME_NAME_DOS} */
    int FINAL_PATH_FLAGS = 0;

    /** {@code sizeof(BY_HANDLE_FILE_INFORMATION)} */
    int BY_HANDLE_FILE_INFORMATION_SIZE = 52;

    /**
     * HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
     * LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes,
     * HANDLE hTemplateFile);
     */
    Pointer CreateFileW(WString lpFileName, int dwDesiredAccess, int dwShareMode, Pointer lpSecurityAttributes,
                        int dwCreationDisposition, int dwFlagsAndAttributes, Pointer hTemplateFile);

    /**
     * BOOL ReadDirectoryChangesW(HANDLE hDirectory, LPVOID lpBuffer, DWORD nBufferLength, BOOL bWatchSubtree,
     * DWORD dwNotifyFilter, LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped,
     * LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
     */
    boolean ReadDirectoryChangesW(Pointer hDirectory, Pointer lpBuffer, int nBufferLength, boolean bWatchSubtree,
                                  int dwNotifyFilter, Pointer lpBytesReturned, // always NULL: undefined for overlapped reads
                                  Pointer lpOverlapped, Pointer lpCompletionRoutine); // routine: always NULL, a port is used

    /**
     * HANDLE CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey,
     * DWORD NumberOfConcurrentThreads); the key is pointer-sized, so a {@link Pointer} carries it.
     */
    Pointer CreateIoCompletionPort(Pointer FileHandle, Pointer ExistingCompletionPort, Pointer CompletionKey,
                                   int NumberOfConcurrentThreads);

    /**
     * BOOL GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
     * PULONG_PTR lpCompletionKey, LPOVERLAPPED *lpOverlapped, DWORD dwMilliseconds);
     */
    boolean GetQueuedCompletionStatus(Pointer CompletionPort, IntByReference lpNumberOfBytesTransferred,
                                      PointerByReference lpCompletionKey, PointerByReference lpOverlapped,
                                      int dwMilliseconds);

    /**
     * BOOL PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
     * ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped);
     */
    boolean PostQueuedCompletionStatus(Pointer CompletionPort, int dwNumberOfBytesTransferred,
                                       Pointer dwCompletionKey, Pointer lpOverlapped);

    /** BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped); */
    boolean CancelIoEx(Pointer hFile, Pointer lpOverlapped);

    /** BOOL CloseHandle(HANDLE hObject); */
    boolean CloseHandle(Pointer hObject);

    /** BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation); */
    boolean GetFileInformationByHandle(Pointer hFile, Pointer lpFileInformation);

    /** DWORD GetFinalPathNameByHandleW(HANDLE hFile, LPWSTR lpszFilePath, DWORD cchFilePath, DWORD dwFlags); */
    int GetFinalPathNameByHandleW(Pointer hFile, char[] lpszFilePath, int cchFilePath, int dwFlags);

    /** DWORD GetLongPathNameW(LPCWSTR lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer); */
    int GetLongPathNameW(WString lpszShortPath, char[] lpszLongPath, int cchBuffer);
}
