using System.Runtime.InteropServices;

namespace DualStackGen;

/// <summary>
/// File-descriptor flags, for the sockets a process inherits through systemd socket activation; Linux only, as that
/// protocol is (the constants are Linux's).
/// </summary>
internal static partial class Libc
{
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    private const int DuplicateCloseOnExecCommand = 1030; // F_DUPFD_CLOEXEC on Linux

    /// <summary>Sets FD_CLOEXEC on <paramref name="descriptor"/>, so that no child process inherits it.</summary>
    /// <returns>0, or the errno of the failure.</returns>
    public static int SetCloseOnExec(int descriptor)
    {
        int flags = Fcntl(descriptor, GetDescriptorFlags, 0);
        if (flags < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        return (flags & CloseOnExec) != 0 || Fcntl(descriptor, SetDescriptorFlags, flags | CloseOnExec) >= 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Whether FD_CLOEXEC is set on <paramref name="descriptor"/>; <see langword="null"/> when it cannot be read.</summary>
    public static bool? IsCloseOnExec(int descriptor)
    {
        int flags = Fcntl(descriptor, GetDescriptorFlags, 0);
        return flags < 0 ? null : (flags & CloseOnExec) != 0;
    }

    /// <summary>Duplicates <paramref name="descriptor"/> with FD_CLOEXEC set on the copy, atomically.</summary>
    /// <returns>The new descriptor, or -1 with <paramref name="error"/> set.</returns>
    public static int DuplicateCloseOnExec(int descriptor, out int error)
    {
        int duplicate = Fcntl(descriptor, DuplicateCloseOnExecCommand, 3);
        error = duplicate < 0 ? Marshal.GetLastPInvokeError() : 0;
        return duplicate;
    }

    // fcntl is variadic in C; its third argument is an int for every command used here, which the Linux calling
    // conventions (x64, arm64) pass exactly as a fixed int argument.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int descriptor, int command, int argument);
}
