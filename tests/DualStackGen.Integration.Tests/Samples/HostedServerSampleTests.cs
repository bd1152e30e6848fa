using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>
/// samples/HostedServer as a user runs it: a generic host with the generated AddEchoServer/AddUdpEchoServer, its
/// ports overridden on the command line (appsettings.json says 9080 and 9081), talked to over 127.0.0.1 and ::1,
/// stopped with Ctrl+C. The ready lines are the runtime's own "Listening on" log lines, through ILogger&lt;T&gt;.
/// </summary>
public sealed class HostedServerSampleTests
{
    [Fact]
    public async Task Both_servers_take_their_ports_from_the_command_line_serve_both_loopbacks_and_stop_gracefully_on_ctrl_c()
    {
        await using RunningProgram host = RunningProgram.Start("HostedServer", "--EchoServer:Port=0", "--UdpEchoServer:Port=0");
        int tcpPort = await host.WaitForListeningPortAsync(ListeningPrefix("EchoServer"), ListeningLine("EchoServer"));
        int udpPort = await host.WaitForListeningPortAsync(ListeningPrefix("UdpEchoServer"), ListeningLine("UdpEchoServer"));
        Assert.NotEqual(9080, tcpPort);
        Assert.NotEqual(9081, udpPort);

        int ipv4ClientPort = await LoopbackEcho.TcpAsync(IPAddress.Loopback, tcpPort, "over IPv4");
        await host.WaitForLineAsync(line => line.EndsWith($"] 127.0.0.1:{ipv4ClientPort} connected", StringComparison.Ordinal), $"for the IPv4 client 127.0.0.1:{ipv4ClientPort}");
        int ipv6ClientPort = await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, tcpPort, "over IPv6");
        await host.WaitForLineAsync(line => line.EndsWith($"] [::1]:{ipv6ClientPort} connected", StringComparison.Ordinal), $"for the IPv6 client [::1]:{ipv6ClientPort}");
        await LoopbackEcho.UdpAsync(IPAddress.Loopback, udpPort, "datagram over IPv4");
        await LoopbackEcho.UdpAsync(IPAddress.IPv6Loopback, udpPort, "datagram over IPv6");

        await host.InterruptExpectingCleanExitAsync();

        // The host stops its services in reverse order; either line may come first.
        string[] stoppedLines = ["] EchoServer: stopped", "] UdpEchoServer: stopped"];
        var stopped = new HashSet<string>();
        while (stopped.Count < stoppedLines.Length)
        {
            string line = await host.WaitForLineAsync(candidate => stoppedLines.Any(stop => candidate.EndsWith(stop, StringComparison.Ordinal)), "saying a server stopped");
            stopped.Add(stoppedLines.First(stop => line.EndsWith(stop, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_concrete_port_from_the_command_line_is_the_port_it_listens_on()
    {
        int freePort = FreeTcpPort();
        await using RunningProgram host = RunningProgram.Start("HostedServer", $"--EchoServer:Port={freePort}", "--UdpEchoServer:Port=0");

        Assert.Equal(freePort, await host.WaitForListeningPortAsync(ListeningPrefix("EchoServer"), ListeningLine("EchoServer")));
        await host.WaitForListeningPortAsync(ListeningPrefix("UdpEchoServer"), ListeningLine("UdpEchoServer"));
        await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, freePort, "on the chosen port");

        await host.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task Ctrl_c_while_the_servers_are_still_starting_stops_the_host_with_exit_code_0()
    {
        await using RunningProgram host = RunningProgram.Start("HostedServer", "--EchoServer:Port=0", "--UdpEchoServer:Port=0");

        // The first line the servers write comes before either has bound, so the signal lands while the host is
        // still starting them: it cancels their start, and Host.StartAsync throws OperationCanceledException.
        await host.WaitForLineAsync(line => line.StartsWith("info: DualStackGen.Samples.Hosted.", StringComparison.Ordinal), "from a server");
        await host.InterruptExpectingCleanExitAsync();

        Assert.DoesNotContain(host.Output, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_configuration_value_stops_the_host_naming_the_key()
    {
        await using RunningProgram host = RunningProgram.Start("HostedServer", "--EchoServer:Port=70000");

        await host.WaitForLineAsync(line => line.Contains("EchoServer:Port = \"70000\" is not valid", StringComparison.Ordinal), "naming the bad key and value");
        Assert.NotEqual(0, await host.WaitForExitAsync());
    }

    private static string ListeningPrefix(string server) => $"info: DualStackGen.Samples.Hosted.{server}[100] Listening on ";

    private static Regex ListeningLine(string server) =>
        new($@"^info: DualStackGen\.Samples\.Hosted\.{server}\[100\] Listening on \[::\]:(?<port>\d+) \(host ""::"", mode DualStack\)$");

    private static int FreeTcpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        probe.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
