using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// systemd socket activation: the sockets a service manager opened for the process and passed as descriptors 3 and
/// up (<c>LISTEN_FDS</c>, <c>LISTEN_PID</c>, <c>LISTEN_FDNAMES</c>), read once per process, when the first server
/// starts. The variables are then removed from the environment, so that child processes do not take the sockets for
/// theirs, and FD_CLOEXEC is set on every descriptor, so that child processes do not inherit them.
/// </summary>
internal static class SocketActivation
{
    public const int FirstDescriptor = 3;
    public const string PidVariable = "LISTEN_PID";
    public const string CountVariable = "LISTEN_FDS";
    public const string NamesVariable = "LISTEN_FDNAMES";

    private static readonly object Gate = new();
    private static bool _read;
    private static IReadOnlyList<InheritedSocket>? _inherited;

    /// <summary>
    /// The inherited sockets, or <see langword="null"/> when the process was not socket-activated (or the
    /// variables were meant for another process): then servers bind as usual.
    /// </summary>
    public static IReadOnlyList<InheritedSocket>? Inherited(ILogger logger)
    {
        lock (Gate)
        {
            if (!_read)
            {
                _inherited = Read(logger);
                _read = true;
            }

            return _inherited;
        }
    }

    /// <summary>Hands a server the inherited sockets that match its plan; see <see cref="InheritedSocketMatcher"/>.</summary>
    /// <exception cref="ListenException">No inherited socket matches a planned one.</exception>
    public static List<Socket> Adopt(
        IReadOnlyList<InheritedSocket> inherited, ListenOptions options, HostSpec host, IReadOnlyList<PlannedSocket> plan, SocketType socketType, ILogger logger)
    {
        lock (Gate)
        {
            if (!InheritedSocketMatcher.TryMatch(inherited, options.ServerName, plan, options.Port, socketType, out List<InheritedSocket> matched, out string reason))
            {
                throw new ListenException(host.Text, options.Port, options.Mode, reason, []);
            }

            var sockets = new List<Socket>(matched.Count);
            try
            {
                foreach (InheritedSocket socket in matched)
                {
                    sockets.Add(socket.Lend());
                }
            }
            catch (SocketException e)
            {
                foreach (Socket socket in sockets)
                {
                    socket.Dispose();
                }

                throw new ListenException(host.Text, options.Port, options.Mode, $"adopting an inherited socket failed: {e.Message}", [], e);
            }

            Log.AdoptedInheritedSockets(logger, string.Join(", ", matched), host.Text, options.Mode);
            return sockets;
        }
    }

    /// <summary>Parses the variables; pure, for tests.</summary>
    /// <returns>The descriptors' names (one per descriptor), or <see langword="null"/> with <paramref name="reason"/> when the sockets are not for this process.</returns>
    internal static string[]? Parse(string? pid, string count, string? names, int processId, out string reason)
    {
        if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int listenPid))
        {
            reason = pid is null ? $"{PidVariable} is not set" : $"{PidVariable} \"{pid}\" is not a process id";
            return null;
        }

        if (listenPid != processId)
        {
            reason = $"{PidVariable} {listenPid} is not this process ({processId}): the sockets were passed to another one";
            return null;
        }

        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int descriptors) || descriptors > 4096)
        {
            reason = $"{CountVariable} \"{count}\" is not a number of descriptors";
            return null;
        }

        string[] given = string.IsNullOrEmpty(names) ? [] : names.Split(':');
        reason = given.Length == 0 || given.Length == descriptors
            ? string.Empty
            : $"{NamesVariable} has {given.Length} name(s) for {descriptors} descriptor(s); the names are not used";
        return given.Length == descriptors ? given : Enumerable.Repeat("unknown", descriptors).ToArray();
    }

    private static List<InheritedSocket>? Read(ILogger logger)
    {
        string? count = Environment.GetEnvironmentVariable(CountVariable);
        if (count is null)
        {
            return null;
        }

        string? pid = Environment.GetEnvironmentVariable(PidVariable);
        string? names = Environment.GetEnvironmentVariable(NamesVariable);
        Environment.SetEnvironmentVariable(CountVariable, null);
        Environment.SetEnvironmentVariable(PidVariable, null);
        Environment.SetEnvironmentVariable(NamesVariable, null);

        if (!OperatingSystem.IsLinux())
        {
            Log.SocketActivationIgnored(logger, "socket activation is a systemd protocol, and this is not Linux");
            return null;
        }

        if (Parse(pid, count, names, Environment.ProcessId, out string reason) is not { } descriptorNames)
        {
            Log.SocketActivationIgnored(logger, reason);
            return null;
        }

        if (reason.Length > 0)
        {
            Log.InheritedNamesIgnored(logger, reason);
        }

        var sockets = new List<InheritedSocket>(descriptorNames.Length);
        for (int i = 0; i < descriptorNames.Length; i++)
        {
            int descriptor = FirstDescriptor + i;
            int error = Libc.SetCloseOnExec(descriptor);
            if (error != 0)
            {
                Log.InheritedDescriptorIgnored(logger, descriptor, descriptorNames[i], $"setting FD_CLOEXEC failed with errno {error}");
                continue;
            }

            if (InheritedSocket.Inspect(descriptor, descriptorNames[i], out string notUsable) is { } socket)
            {
                sockets.Add(socket);
            }
            else
            {
                Log.InheritedDescriptorIgnored(logger, descriptor, descriptorNames[i], notUsable);
            }
        }

        Log.InheritedSocketsRead(logger, descriptorNames.Length, string.Join(", ", sockets));
        return sockets;
    }
}
