package dev.nativewatch.backend.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The kernel32 functions the backend needs that jna-platform's {@code Kernel32} lacks, declares with
 * {@code Structure} parameters that must not be used for overlapped I/O (JNA writes a Structure's Java fields
 * back before every call, which would clobber {@code OVERLAPPED.Internal}), or binds to the ANSI function when
 * {@code -Dw32.ascii=true} ({@code CreateFile}). Names and parameters as in the SDK; every name that takes a
 * string ends in W, and the options are the Unicode ones whatever {@code w32.ascii} says.
 */
interface Kernel32Watch extends StdCallLibrary {

    Kernel32Watch INSTANCE = Native.load("kernel32", Kernel32Watch.class, W32APIOptions.UNICODE_OPTIONS);

    /**
     * HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
     * LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes,
     * HANDLE hTemplateFile);
     */
    HANDLE CreateFileW(WString lpFileName, int dwDesiredAccess, int dwShareMode, Pointer lpSecurityAttributes,
                       int dwCreationDisposition, int dwFlagsAndAttributes, HANDLE hTemplateFile);

    /**
     * BOOL ReadDirectoryChangesW(HANDLE hDirectory, LPVOID lpBuffer, DWORD nBufferLength, BOOL bWatchSubtree,
     * DWORD dwNotifyFilter, LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped,
     * LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
     */
    boolean ReadDirectoryChangesW(HANDLE hDirectory, Pointer lpBuffer, int nBufferLength, boolean bWatchSubtree,
                                  int dwNotifyFilter, Pointer lpBytesReturned, // always NULL: undefined for overlapped reads
                                  Pointer lpOverlapped, Pointer lpCompletionRoutine); // routine: always NULL, a port is used

    /** BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped); */
    boolean CancelIoEx(HANDLE hFile, Pointer lpOverlapped);

    /** BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation); */
    boolean GetFileInformationByHandle(HANDLE hFile, Pointer lpFileInformation);

    /** DWORD GetFinalPathNameByHandleW(HANDLE hFile, LPWSTR lpszFilePath, DWORD cchFilePath, DWORD dwFlags); */
    int GetFinalPathNameByHandleW(HANDLE hFile, char[] lpszFilePath, int cchFilePath, int dwFlags);

    /** DWORD GetLongPathNameW(LPCWSTR lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer); */
    int GetLongPathNameW(WString lpszShortPath, char[] lpszLongPath, int cchBuffer);

    /** FILE_NAME_NORMALIZED | VOLUME_NAME_DOS */
    int FINAL_PATH_FLAGS = 0;

    /** sizeof(BY_HANDLE_FILE_INFORMATION) */
    int BY_HANDLE_FILE_INFORMATION_SIZE = 52;
}
