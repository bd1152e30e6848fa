using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
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

        int ipv4ClientPort = await EchoAsync(IPAddress.Loopback, port, "over IPv4");
        await server.WaitForLineAsync(line => line == $"127.0.0.1:{ipv4ClientPort} sent 9 bytes", $"for the IPv4 sender 127.0.0.1:{ipv4ClientPort}");
        int ipv6ClientPort = await EchoAsync(IPAddress.IPv6Loopback, port, "over IPv6");
        await server.WaitForLineAsync(line => line == $"[::1]:{ipv6ClientPort} sent 9 bytes", $"for the IPv6 sender [::1]:{ipv6ClientPort}");

        Assert.Equal(0, await server.InterruptAsync());
    }

    [Fact]
    public async Task A_bad_port_is_reported_with_the_usage_exit_code()
    {
        await using RunningProgram server = RunningProgram.Start("UdpEcho", "--port", "http");

        await server.WaitForLineAsync(line => line.Contains("--port \"http\" is not a number", StringComparison.Ordinal), "naming the bad port");
        Assert.Equal(2, await server.WaitForExitAsync());
    }

    /// <returns>The client's local port, to find it in the server's output.</returns>
    private static async Task<int> EchoAsync(IPAddress address, int port, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(address, 0));
        byte[] sent = Encoding.UTF8.GetBytes(text);
        await client.SendToAsync(sent, new IPEndPoint(address, port), timeout.Token);

        byte[] received = new byte[1024];
        EndPoint anySender = new IPEndPoint(address.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        SocketReceiveFromResult reply = await client.ReceiveFromAsync(received, anySender, timeout.Token);

        Assert.Equal(text, Encoding.UTF8.GetString(received, 0, reply.ReceivedBytes));
        Assert.Equal(new IPEndPoint(address, port), reply.RemoteEndPoint);
        return ((IPEndPoint)client.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"^UDP echo server on \[::\]:(?<port>\d+); Ctrl\+C stops it\.$")]
    private static partial Regex ListeningBanner();
}
