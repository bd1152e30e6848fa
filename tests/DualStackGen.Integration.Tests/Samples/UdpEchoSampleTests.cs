using System;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>samples/UdpEcho as a user runs it: started, sent datagrams over 127.0.0.1 and ::1, stopped with Ctrl+C.</summary>
public sealed partial class UdpEchoSampleTests
{
    [Fact]
    public async Task The_udp_echo_answers_both_loopbacks_prints_normalized_senders_and_stops_on_ctrl_c()
    {
        await using RunningProgram server = RunningProgram.Start("UdpEcho", "--port", "0");
        int port = await server.WaitForListeningPortAsync("UDP echo server on ", ListeningBanner());

        int ipv4ClientPort = await LoopbackEcho.UdpAsync(IPAddress.Loopback, port, "over IPv4");
        await server.WaitForLineAsync(line => line == $"127.0.0.1:{ipv4ClientPort} sent 9 bytes", $"for the IPv4 sender 127.0.0.1:{ipv4ClientPort}");
        int ipv6ClientPort = await LoopbackEcho.UdpAsync(IPAddress.IPv6Loopback, port, "over IPv6");
        await server.WaitForLineAsync(line => line == $"[::1]:{ipv6ClientPort} sent 9 bytes", $"for the IPv6 sender [::1]:{ipv6ClientPort}");

        await server.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task A_bad_port_is_reported_with_the_usage_exit_code()
    {
        await using RunningProgram server = RunningProgram.Start("UdpEcho", "--port", "http");

        await server.WaitForLineAsync(line => line.Contains("--port \"http\" is not a port", StringComparison.Ordinal), "naming the bad port");
        Assert.Equal(2, await server.WaitForExitAsync());
    }

    [GeneratedRegex(@"^UDP echo server on \[::\]:(?<port>\d+); Ctrl\+C stops it\.$")]
    private static partial Regex ListeningBanner();
}
