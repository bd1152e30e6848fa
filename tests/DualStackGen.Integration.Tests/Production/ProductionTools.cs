using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Production;

/// <summary>
/// What the production tests need from the machine: systemd's <c>systemd-socket-activate</c> (Debian's systemd
/// package; it needs no systemd running) and iproute2's <c>ss</c>. Without them the tests skip with the reason,
/// except when <see cref="RequireVariable"/> is 1 (as .ci/run sets it, after installing them): then they fail.
/// </summary>
internal static partial class ProductionTools
{
    public const string RequireVariable = "DUALSTACKGEN_REQUIRE_SYSTEMD_TESTS";
    public const string SocketActivate = "/usr/bin/systemd-socket-activate";

    public static void RequireSocketActivate()
    {
        string? reason = !OperatingSystem.IsLinux() ? "socket activation is Linux only"
            : !File.Exists(SocketActivate) ? $"{SocketActivate} is missing (Debian package systemd)"
            : FindInPath("ss") is null ? "ss is missing (Debian package iproute2)"
            : null;
        if (reason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but the production tests cannot run: {reason}");
        }

        Assert.Skip($"Production test skipped: {reason}. Set {RequireVariable}=1 to make this a failure.");
    }

    /// <summary>A port free for TCP and UDP on both loopbacks at this moment, picked by the OS.</summary>
    public static int FreePort()
    {
        for (int attempt = 0; ; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            probe.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
            int port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
                udp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    /// <summary>The command line of the <c>dotnet</c> that runs a sample: the host, then the sample's assembly.</summary>
    public static string[] Sample(string assemblyName, params string[] arguments) => [DotnetHost.Path, DotnetHost.Program(assemblyName), .. arguments];

    /// <summary>
    /// The sockets <c>ss</c> lists on <paramref name="port"/> (listening TCP with <c>-lt</c>, UDP with <c>-ua</c>), as
    /// (local address, pid, fd) of every process holding each.
    /// </summary>
    public static List<(string Local, int Pid, int Fd)> Sockets(string protocolFlags, int port)
    {
        var ss = Process.Start(new ProcessStartInfo("ss", [protocolFlags + "npH"]) { RedirectStandardOutput = true })!;
        string output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        var sockets = new List<(string, int, int)>();
        foreach (string line in output.Split('\n'))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            const int localColumn = 3;
            if (columns.Length <= localColumn || !columns[localColumn].EndsWith(":" + port, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match holder in HolderPattern().Matches(line))
            {
                sockets.Add((columns[localColumn], int.Parse(holder.Groups["pid"].Value), int.Parse(holder.Groups["fd"].Value)));
            }
        }

        return sockets;
    }

    private static string? FindInPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);

    [GeneratedRegex(@"pid=(?<pid>\d+),fd=(?<fd>\d+)")]
    private static partial Regex HolderPattern();
}
