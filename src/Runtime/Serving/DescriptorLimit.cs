using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The process's file-descriptor limit (soft <c>RLIMIT_NOFILE</c>) on Linux and macOS: raised toward the hard limit
/// once per process, as Go does since 1.19, and the connection limit a server takes from it when
/// <see cref="TcpServerOptions.MaxConcurrentConnections"/> is 0.
/// </summary>
/// <remarks>
/// CoreCLR raises the soft limit itself at start-up on most Linux builds (not on musl) and on macOS; this class
/// raises it where the runtime did not (Alpine, a host that lowered it after start) and reads it for the connection
/// limit either way.
/// </remarks>
internal static class DescriptorLimit
{
    /// <summary>macOS refuses a soft limit above <c>OPEN_MAX</c> even when the hard limit is unlimited.</summary>
    private const ulong MacOpenMax = 10240;

    /// <summary>Descriptors always kept for the runtime's own use at the smallest limits: its pipes, eventfds, epoll, the assemblies it maps, a log file.</summary>
    internal const int MinimumHeadroom = 64;

    /// <summary>The fewest descriptors an accept loop leaves unused (see <see cref="CeilingFor"/>).</summary>
    internal const int MinimumRuntimeReserve = 32;

    private static readonly object s_gate = new();
    private static bool s_raised;

    /// <summary>Gets whether this OS has a per-process descriptor limit this class can read.</summary>
    public static bool IsSupported =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) && Environment.Is64BitProcess;

    /// <summary>
    /// Raises the soft limit to the hard limit, the first time it is called with <paramref name="raise"/> in this
    /// process, and returns the soft limit then in force; <see langword="null"/> where there is none to read.
    /// </summary>
    public static long? Prepare(bool raise, ILogger logger)
    {
        if (!IsSupported)
        {
            return null;
        }

        int resource = OperatingSystem.IsLinux() ? Libc.LinuxResourceLimitOpenFiles : Libc.MacResourceLimitOpenFiles;
        lock (s_gate)
        {
            if (Libc.GetResourceLimit(resource, out Libc.ResourceLimit limit) != 0)
            {
                Log.DescriptorLimitUnreadable(logger, Marshal.GetLastPInvokeError());
                return null;
            }

            if (raise && !s_raised)
            {
                s_raised = true;
                ulong target = OperatingSystem.IsLinux() ? limit.Maximum : Math.Min(limit.Maximum, MacOpenMax);
                if (limit.Current < target && target != Libc.ResourceLimitInfinity)
                {
                    var raised = new Libc.ResourceLimit { Current = target, Maximum = limit.Maximum };
                    if (Libc.SetResourceLimit(resource, in raised) == 0)
                    {
                        Log.DescriptorLimitRaised(logger, (long)limit.Current, (long)target);
                        limit = raised;
                    }
                    else
                    {
                        Log.DescriptorLimitNotRaised(logger, (long)limit.Current, (long)target, Marshal.GetLastPInvokeError());
                    }
                }
                else
                {
                    Log.DescriptorLimitAtMaximum(logger, ToCount(limit.Current), ToCount(limit.Maximum));
                }
            }

            return ToCount(limit.Current);
        }
    }

    /// <summary>
    /// The default connection limit for a soft descriptor limit: the limit less the descriptors open now (the
    /// runtime's own, the listening sockets, a generic host's file watchers) and less a reserve of an eighth of the
    /// limit, at least <see cref="MinimumHeadroom"/>, for what the process opens later; at least 1.
    /// </summary>
    /// <returns>The limit, and the headroom it leaves (the descriptors open now and the reserve).</returns>
    public static (int Limit, long Headroom) ConnectionLimitFor(long softLimit)
    {
        long headroom = CountOpenDescriptors() + Math.Max(MinimumHeadroom, softLimit / 8);
        return ((int)Math.Clamp(softLimit - headroom, 1, int.MaxValue), headroom);
    }

    /// <summary>
    /// The lowest descriptor number an accepted connection may not have: the OS hands out the lowest free number, so
    /// a connection numbered this high means fewer than a 64th of the limit (at least
    /// <see cref="MinimumRuntimeReserve"/>) is left, which the runtime needs for threads, pipes and files it opens on
    /// its own; taking those aborts the process ("Out of memory.") rather than failing an accept.
    /// </summary>
    public static long CeilingFor(long softLimit) => softLimit - Math.Max(MinimumRuntimeReserve, softLimit / 64);

    /// <summary>The descriptors this process has open, from /proc/self/fd (Linux) or /dev/fd (macOS); 0 if neither can be read.</summary>
    internal static int CountOpenDescriptors()
    {
        string directory = OperatingSystem.IsLinux() ? "/proc/self/fd" : "/dev/fd";
        try
        {
            int count = 0;
            foreach (string _ in Directory.EnumerateFileSystemEntries(directory))
            {
                count++;
            }

            // Less the one the enumeration itself holds open.
            return Math.Max(0, count - 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long ToCount(ulong value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}
