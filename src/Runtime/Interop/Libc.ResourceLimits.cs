using System.Runtime.InteropServices;

namespace DualStackGen;

/// <summary>getrlimit/setrlimit for the descriptor limit (<c>RLIMIT_NOFILE</c>), on Linux and macOS only.</summary>
internal static partial class Libc
{
    /// <summary><c>RLIM_INFINITY</c>: all bits set on both Linux and macOS (64-bit <c>rlim_t</c>).</summary>
    public const ulong ResourceLimitInfinity = ulong.MaxValue;

    /// <summary><c>RLIMIT_NOFILE</c> on Linux.</summary>
    public const int LinuxResourceLimitOpenFiles = 7;

    /// <summary><c>RLIMIT_NOFILE</c> on macOS and the BSDs.</summary>
    public const int MacResourceLimitOpenFiles = 8;

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int GetResourceLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int SetResourceLimit(int resource, in ResourceLimit limit);

    /// <summary><c>struct rlimit</c>: two <c>rlim_t</c>, 64 bits on every 64-bit Linux and macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ResourceLimit
    {
        public ulong Current;

        public ulong Maximum;
    }
}
