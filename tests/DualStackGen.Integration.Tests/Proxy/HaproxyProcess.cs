using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Proxy;

/// <summary>
/// A real HAProxy (Debian's <c>haproxy</c>) run in the foreground (<c>-db</c>) for one test: its configuration is
/// written to a temporary directory, the process started, and the start awaited until every frontend port listens;
/// disposing kills it and deletes the directory.
/// </summary>
/// <remarks>
/// The caller writes the <c>frontend</c>/<c>backend</c>/<c>listen</c> sections; <c>global</c> (with an admin stats
/// socket at <see cref="StatsSocketPath"/>) and <c>defaults</c> (<c>mode tcp</c>, short timeouts) are added here.
/// Every address in a test's configuration must be loopback. Without haproxy the test skips, except when
/// <see cref="RequireVariable"/> is 1 (as .ci/run sets it): then a skip is a failure.
/// </remarks>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    public const string RequireVariable = "DUALSTACKGEN_REQUIRE_HAPROXY";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string?> UnavailableReason = new(FindUnavailableReason);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HaproxyProcess(string directory, Process process)
    {
        Directory = directory;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets the temporary directory holding <c>haproxy.cfg</c> and the stats socket.</summary>
    public string Directory { get; }

    /// <summary>Gets the path of the admin stats socket (<c>show stat</c>, <c>show servers state</c>).</summary>
    public string StatsSocketPath => Path.Combine(Directory, "admin.sock");

    /// <summary>Gets what HAProxy printed so far (warnings, alerts), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Skips the calling test, or fails it when HAProxy tests are required, if haproxy cannot run.</summary>
    public static void RequireAvailable()
    {
        if (UnavailableReason.Value is not string reason)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but the HAProxy tests cannot run: {reason}");
        }

        Assert.Skip($"HAProxy test skipped: {reason}. Install haproxy (apt-get install haproxy), or set {RequireVariable}=1 to make this a failure.");
    }

    /// <summary>
    /// Returns a port the OS just handed out as free on both loopbacks (a dual-stack socket bound to port 0, then
    /// closed), for a frontend to bind. Another process could take it in between, which the OS makes unlikely by
    /// handing ports out in turn.
    /// </summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Writes the configuration, starts haproxy and waits until each of <paramref name="frontendPorts"/> listens.
    /// </summary>
    /// <param name="sections">The proxies: <c>frontend</c>, <c>backend</c> and <c>listen</c> sections, loopback only.</param>
    /// <param name="frontendPorts">The ports the sections bind, awaited in LISTEN state.</param>
    public static async Task<HaproxyProcess> StartAsync(string sections, params int[] frontendPorts)
    {
        RequireAvailable();
        string directory = System.IO.Directory.CreateTempSubdirectory("dualstackgen-haproxy-").FullName;
        string config = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $"""
            global
                maxconn 512
                stats socket {Path.Combine(directory, "admin.sock")} mode 600 level admin

            defaults
                mode tcp
                timeout connect 5s
                timeout client 30s
                timeout server 30s

            {sections}

            """);

        var start = new ProcessStartInfo("haproxy", ["-f", config, "-db"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var haproxy = new HaproxyProcess(directory, Process.Start(start)!);
        try
        {
            await haproxy.WaitUntilListeningAsync(frontendPorts);
            return haproxy;
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command to the stats socket and returns HAProxy's answer.</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(StatsSocketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), SocketFlags.None);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    /// <summary>
    /// Waits until HAProxy's checks report every server of <paramref name="backend"/> in <paramref name="status"/>
    /// (as <c>UP</c>), from <c>show stat</c>, and returns the backend's server rows.
    /// </summary>
    public async Task<IReadOnlyList<string[]>> WaitForServersAsync(string backend, string status)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        string stat = "";
        while (!timeout.IsCancellationRequested)
        {
            stat = await CommandAsync("show stat");
            string[][] servers = [.. stat.Split('\n')
                .Select(line => line.Split(','))
                .Where(fields => fields.Length > 17 && fields[0] == backend && fields[1] is not ("FRONTEND" or "BACKEND"))];
            if (servers.Length > 0 && servers.All(fields => fields[17].StartsWith(status, StringComparison.Ordinal)))
            {
                return servers;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The servers of backend {backend} are not all {status} within {StartTimeout.TotalSeconds} s.\nshow stat:\n{stat}\nhaproxy:\n{Output}");
        return [];
    }

    /// <summary>Kills haproxy (it holds no state worth a graceful stop) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
        finally
        {
            _process.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A socket file still being unlinked: the temporary directory is left to the OS.
            }
        }
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the HAProxy tests run on Linux";
        }

        try
        {
            using Process? version = Process.Start(new ProcessStartInfo("haproxy", ["-v"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            version!.WaitForExit(10_000);
            return version.ExitCode == 0 ? null : $"'haproxy -v' failed (exit {version.ExitCode})";
        }
        catch (Win32Exception e)
        {
            return $"haproxy is not installed: {e.Message}";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync(int[] ports)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"haproxy exited with {_process.ExitCode} before listening:\n{Output}");
            }

            HashSet<int> listening = ListeningPorts();
            if (ports.All(listening.Contains) && File.Exists(StatsSocketPath))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"haproxy did not listen on {string.Join(", ", ports)} within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    // /proc/net/tcp{,6}: "sl local_address rem_address st ...", the address as hex "ADDR:PORT", st 0A = LISTEN.
    private static HashSet<int> ListeningPorts()
    {
        var ports = new HashSet<int>();
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "0A")
                {
                    ports.Add(int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
