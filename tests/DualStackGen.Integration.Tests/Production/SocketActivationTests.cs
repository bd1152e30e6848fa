using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Production;

/// <summary>
/// The samples under <c>systemd-socket-activate</c>, which opens the sockets, waits for the first client, then execs
/// the sample with <c>LISTEN_FDS</c>/<c>LISTEN_PID</c>/<c>LISTEN_FDNAMES</c> set, as systemd does for a socket unit.
/// The sample must serve on exactly those sockets and bind none of its own.
/// </summary>
public sealed class SocketActivationTests(ITestOutputHelper output)
{
    // What a handler's helper process would inherit: its descriptors (a socket among them would be a leak) and the
    // LISTEN_* variables (which would make a .NET child adopt sockets that are not its own).
    private const string ChildReport = "echo \"child: $(ls -l /proc/$$/fd | grep -c socket:) socket(s)\"; env | grep ^LISTEN_ | sed 's/^/child: /'; echo child-end";

    [Fact]
    public async Task The_echo_server_adopts_a_127_0_0_1_and_a_1_socket_serves_both_and_its_child_inherits_neither()
    {
        ProductionTools.RequireSocketActivate();
        int port = ProductionTools.FreePort();
        await using RunningProgram server = RunningProgram.StartExecutable(
            ProductionTools.SocketActivate,
            ["-l", $"127.0.0.1:{port}", "-l", $"[::1]:{port}", "-E", $"DUALSTACKGEN_SAMPLE_CHILD={ChildReport}", .. ProductionTools.Sample("EchoServer", "--host", "localhost", "--port", port.ToString())]);
        await server.WaitForLineAsync(line => line.StartsWith("stderr: Listening on [::1]:", StringComparison.Ordinal), "from systemd-socket-activate");

        // The first client makes systemd-socket-activate exec the sample; it waits in the backlog meanwhile.
        await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "first client, IPv4");
        await server.WaitForBannerPortAsync("Echo server on ");
        await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, port, "over IPv6");
        await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "over IPv4");

        Assert.Contains(server.Output, line => line.Contains($"[150] Adopted TCP 127.0.0.1:{port} (fd 3 \"unknown\"), TCP [::1]:{port} IPV6_V6ONLY (fd 4 \"unknown\")", StringComparison.Ordinal));
        AssertServesOnlyInheritedSockets(ProductionTools.Sockets("-lt", port), server.Id, 2);

        await server.WaitForLineAsync(line => line == "child-end", "from the child process");
        Assert.Equal(["child: 0 socket(s)"], ChildLines(server));

        server.Signal("TERM");
        await server.ExpectCleanExitAsync();
    }

    [Fact]
    public async Task The_echo_server_adopts_one_dual_stack_socket_and_serves_both_families_on_it()
    {
        ProductionTools.RequireSocketActivate();
        int port = ProductionTools.FreePort();
        await using RunningProgram server = RunningProgram.StartExecutable(
            ProductionTools.SocketActivate,
            ["-l", $"[::]:{port}", .. ProductionTools.Sample("EchoServer", "--port", port.ToString())]);
        await server.WaitForLineAsync(line => line.StartsWith("stderr: Listening on [::]:", StringComparison.Ordinal), "from systemd-socket-activate");

        await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, port, "first client, IPv6");
        await server.WaitForBannerPortAsync("Echo server on ");
        int ipv4Client = await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "over IPv4, on the dual-stack socket");
        await server.WaitForLineAsync(line => line == $"127.0.0.1:{ipv4Client} connected", "with the IPv4 client normalized");

        Assert.Contains(server.Output, line => line.Contains($"Adopted TCP [::]:{port} dual-stack (fd 3", StringComparison.Ordinal));
        AssertServesOnlyInheritedSockets(ProductionTools.Sockets("-lt", port), server.Id, 1);

        server.Signal("TERM");
        await server.ExpectCleanExitAsync();
    }

    [Fact]
    public async Task The_udp_echo_server_adopts_datagram_sockets_and_answers_on_both()
    {
        ProductionTools.RequireSocketActivate();
        int port = ProductionTools.FreePort();
        await using RunningProgram server = RunningProgram.StartExecutable(
            ProductionTools.SocketActivate,
            ["--datagram", "-l", $"127.0.0.1:{port}", "-l", $"[::1]:{port}", "-E", $"DUALSTACKGEN_SAMPLE_CHILD={ChildReport}", .. ProductionTools.Sample("UdpEcho", "--host", "localhost", "--port", port.ToString())]);
        await server.WaitForLineAsync(line => line.StartsWith("stderr: Listening on [::1]:", StringComparison.Ordinal), "from systemd-socket-activate");

        // The first datagram starts the sample and waits in the socket's queue until it reads.
        await LoopbackEcho.UdpAsync(IPAddress.Loopback, port, "first datagram");
        await server.WaitForBannerPortAsync("UDP echo server on ");
        await LoopbackEcho.UdpAsync(IPAddress.IPv6Loopback, port, "datagram over IPv6");

        Assert.Contains(server.Output, line => line.Contains($"Adopted UDP 127.0.0.1:{port} (fd 3 \"unknown\"), UDP [::1]:{port} IPV6_V6ONLY (fd 4 \"unknown\")", StringComparison.Ordinal));
        AssertServesOnlyInheritedSockets(ProductionTools.Sockets("-ua", port), server.Id, 2);
        await server.WaitForLineAsync(line => line == "child-end", "from the child process");
        Assert.Equal(["child: 0 socket(s)"], ChildLines(server));

        server.Signal("TERM");
        await server.ExpectCleanExitAsync();
    }

    [Fact]
    public async Task Ready_and_stopping_reach_a_notify_socket_the_test_owns()
    {
        ProductionTools.RequireSocketActivate();
        int port = ProductionTools.FreePort();
        string path = Path.Combine(Path.GetTempPath(), $"dsg-notify-{Guid.NewGuid():N}.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            await using RunningProgram server = RunningProgram.StartExecutable(
                ProductionTools.SocketActivate,
                ["-l", $"127.0.0.1:{port}", "-E", $"NOTIFY_SOCKET={path}", .. ProductionTools.Sample("EchoServer", "--host", "127.0.0.1", "--mode", "Auto", "--port", port.ToString())]);
            await server.WaitForLineAsync(line => line.StartsWith("stderr: Listening on 127.0.0.1:", StringComparison.Ordinal), "from systemd-socket-activate");
            await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "first client");

            Assert.Equal("READY=1", await ReceiveAsync(notify));
            server.Signal("TERM");
            Assert.Equal("STOPPING=1", await ReceiveAsync(notify));
            await server.ExpectCleanExitAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_hosted_sample_reports_ready_through_the_hosts_systemd_lifetime_once_both_servers_listen()
    {
        ProductionTools.RequireSocketActivate();
        string path = Path.Combine(Path.GetTempPath(), $"dsg-notify-{Guid.NewGuid():N}.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            // The host's AddSystemd (Microsoft.Extensions.Hosting.Systemd 10.0) takes a process for a systemd service
            // when its parent is named "systemd"; no systemd runs here, so a shell started under that name stands in
            // for it, forwarding the stop signal as systemd sends it.
            string systemd = Path.Combine(Path.GetTempPath(), $"dsg-{Guid.NewGuid():N}", "systemd");
            Directory.CreateDirectory(Path.GetDirectoryName(systemd)!);
            File.CreateSymbolicLink(systemd, "/bin/bash");
            await using RunningProgram host = RunningProgram.StartExecutable(
                systemd,
                ["-c", "trap 'kill -TERM $child' TERM; \"$@\" & child=$!; wait $child; wait $child", "systemd", .. ProductionTools.Sample("HostedServer", "--EchoServer:Port=0", "--UdpEchoServer:Port=0")],
                new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path });

            Assert.Equal("READY=1", await ReceiveAsync(notify));
            Assert.Contains(host.Output, line => line.Contains("EchoServer[100] Listening on ", StringComparison.Ordinal) && !line.Contains("UdpEchoServer", StringComparison.Ordinal));
            Assert.Contains(host.Output, line => line.Contains("UdpEchoServer[100] Listening on ", StringComparison.Ordinal));
            Directory.Delete(Path.GetDirectoryName(systemd)!, recursive: true);

            host.Signal("TERM");

            // The host's lifetime sent READY=1, and only it: the next message is its STOPPING=1, no second READY=1.
            Assert.Equal("STOPPING=1", await ReceiveAsync(notify));
            await host.ExpectCleanExitAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_inherited_socket_on_another_port_fails_the_start_naming_what_was_passed()
    {
        ProductionTools.RequireSocketActivate();
        int inherited = ProductionTools.FreePort();
        int wanted = ProductionTools.FreePort();
        await using RunningProgram server = RunningProgram.StartExecutable(
            ProductionTools.SocketActivate,
            ["-l", $"127.0.0.1:{inherited}", .. ProductionTools.Sample("EchoServer", "--host", "127.0.0.1", "--mode", "Auto", "--port", wanted.ToString())]);
        await server.WaitForLineAsync(line => line.StartsWith("stderr: Listening on 127.0.0.1:", StringComparison.Ordinal), "from systemd-socket-activate");
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, inherited));
            Assert.Equal(1, await server.WaitForExitAsync());
        }

        string error = string.Join('\n', server.Output.Where(line => line.StartsWith("stderr: ", StringComparison.Ordinal)));
        output.WriteLine(error);
        Assert.Contains($"socket activation (LISTEN_FDS) passed TCP 127.0.0.1:{inherited} (fd 3 \"unknown\"), and no inherited socket matches 127.0.0.1:{wanted} (IPv4) (TCP)", error, StringComparison.Ordinal);
        Assert.Empty(ProductionTools.Sockets("-lt", wanted));
    }

    private static List<string> ChildLines(RunningProgram server) => [.. server.Output.Where(line => line.StartsWith("child: ", StringComparison.Ordinal))];

    /// <summary>
    /// Every socket on the port is one systemd-socket-activate opened: after its exec the sample holds each at the
    /// inherited descriptor (3 and up) and at the duplicate it serves on, and holds no other socket on the port.
    /// </summary>
    private static void AssertServesOnlyInheritedSockets(List<(string Local, int Pid, int Fd)> sockets, int pid, int inheritedCount)
    {
        Assert.All(sockets, socket => Assert.Equal(pid, socket.Pid));
        Assert.Equal(inheritedCount, sockets.Select(socket => socket.Local).Distinct().Count());
        Assert.Equal(Enumerable.Range(3, inheritedCount), sockets.Where(socket => socket.Fd < 3 + inheritedCount).Select(socket => socket.Fd).Order());
        Assert.Equal(inheritedCount * 2, sockets.Count);
    }

    private static async Task<string> ReceiveAsync(Socket notify)
    {
        using var timeout = new CancellationTokenSource(RunningProgram.Timeout);
        byte[] buffer = new byte[256];
        int read = await notify.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
