using System;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>samples/EchoServer as a user runs it: started, talked to over 127.0.0.1 and ::1, stopped with Ctrl+C.</summary>
public sealed partial class EchoServerSampleTests
{
    [Fact]
    public async Task The_echo_server_serves_both_loopbacks_prints_normalized_clients_and_stops_on_ctrl_c()
    {
        await using RunningProgram server = RunningProgram.Start("EchoServer", "--port", "0");
        int port = await server.WaitForListeningPortAsync("Echo server on ", ListeningBanner());

        int ipv4ClientPort = await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "over IPv4");
        await server.WaitForLineAsync(line => line == $"127.0.0.1:{ipv4ClientPort} connected", $"for the IPv4 client 127.0.0.1:{ipv4ClientPort}");
        int ipv6ClientPort = await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, port, "over IPv6");
        await server.WaitForLineAsync(line => line == $"[::1]:{ipv6ClientPort} connected", $"for the IPv6 client [::1]:{ipv6ClientPort}");

        await server.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task A_bad_host_is_reported_and_the_server_exits_with_an_error()
    {
        await using RunningProgram server = RunningProgram.Start("EchoServer", "--host", "1.2.3");

        await server.WaitForLineAsync(line => line.Contains("Host \"1.2.3\" is not valid", StringComparison.Ordinal), "naming the bad host");
    }

    [GeneratedRegex(@"^Echo server on \[::\]:(?<port>\d+); Ctrl\+C stops it\.$")]
    private static partial Regex ListeningBanner();
}
