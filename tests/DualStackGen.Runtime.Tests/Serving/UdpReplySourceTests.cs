using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// Replies leave from the address the datagram was sent to. Linux routes all of 127.0.0.0/8 to loopback, so
/// 127.0.0.2 is a second local address here without any set-up; the second IPv6 address needs a network namespace
/// (tests/DualStackGen.Integration.Tests/Namespaces/UdpReplySourceNamespaceTests.cs).
/// </summary>
public sealed class UdpReplySourceTests
{
    private static readonly IPAddress SecondIPv4Loopback = IPAddress.Parse("127.0.0.2");

    [Theory]
    [InlineData("0.0.0.0", ListenMode.IPv4Only)]
    [InlineData("::", ListenMode.DualStack)]
    [InlineData("::", ListenMode.SeparateSockets)]
    public async Task A_wildcard_server_answers_a_datagram_to_127_0_0_2_from_127_0_0_2(string host, ListenMode mode)
    {
        RequireLinux();
        await using var runner = await StartEchoAsync(host, mode);
        var server = new IPEndPoint(SecondIPv4Loopback, runner.LocalEndPoints[0].Port);

        // Bound to 127.0.0.1, so the OS's own pick for the reply's source (the client's address) is the wrong one.
        using var connected = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        connected.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await connected.ConnectAsync(server);
        Assert.Equal("connected", await ConnectedRoundTripAsync(connected, "connected"));

        using var unconnected = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        unconnected.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        (string reply, IPEndPoint from) = await RoundTripAsync(unconnected, server, "unconnected");
        Assert.Equal("unconnected", reply);
        Assert.Equal(server, from);
    }

    [Theory]
    [InlineData("::", ListenMode.DualStack)]
    [InlineData("::", ListenMode.IPv6Only)]
    public async Task Replies_over_the_ipv6_loopback_still_come_from_it(string host, ListenMode mode)
    {
        await using var runner = await StartEchoAsync(host, mode);
        var server = new IPEndPoint(IPAddress.IPv6Loopback, runner.LocalEndPoints[0].Port);
        using var connected = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        await connected.ConnectAsync(server);

        Assert.Equal("over ::1", await ConnectedRoundTripAsync(connected, "over ::1"));
    }

    [Fact]
    public async Task A_reply_to_a_datagram_sent_to_the_broadcast_address_leaves_from_a_unicast_address()
    {
        RequireLinux();
        var logger = new RecordingLogger();
        await using var runner = await StartEchoAsync("0.0.0.0", ListenMode.IPv4Only, logger);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // 127.255.255.255 is lo's directed broadcast: delivered locally, and refused by Linux as a source.
        var broadcast = new IPEndPoint(IPAddress.Parse("127.255.255.255"), runner.LocalEndPoints[0].Port);
        (string reply, IPEndPoint from) = await RoundTripAsync(client, broadcast, "to all");

        Assert.Equal("to all", reply);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, broadcast.Port), from);
        Assert.Equal(
            $"ReplySource: the reply to {client.LocalEndPoint} left from the address the OS picked: 127.255.255.255, where the datagram was sent, was refused as its source (NetworkUnreachable (Network is unreachable))",
            Assert.Single(logger.MessagesAt(LogLevel.Debug), message => message.StartsWith("ReplySource:", StringComparison.Ordinal)));
    }

    private static async Task<UdpServerRunner> StartEchoAsync(string host, ListenMode mode, ILogger? logger = null)
    {
        var runner = new UdpServerRunner("ReplySource", new UdpServerOptions { Host = host, Mode = mode, Logger = logger }, (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken));
        await runner.StartAsync();
        return runner;
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("127.0.0.2 is a local address on Linux only, and replies name their source on Linux only.");
        }
    }

    // A connected UDP socket only takes datagrams from the address it is connected to: a reply from any other source is
    // dropped by the kernel, and the receive times out.
    private static async Task<string> ConnectedRoundTripAsync(Socket connected, string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await connected.SendAsync(Encoding.ASCII.GetBytes(text), timeout.Token);
        byte[] buffer = new byte[1024];
        try
        {
            int length = await connected.ReceiveAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No reply from {connected.RemoteEndPoint} within {Loopback.Timeout.TotalSeconds} s: a reply from another source address is dropped by the connected client.");
            throw;
        }
    }

    private static async Task<(string Reply, IPEndPoint From)> RoundTripAsync(Socket client, IPEndPoint server, string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await client.SendToAsync(Encoding.ASCII.GetBytes(text), server, timeout.Token);
        byte[] buffer = new byte[1024];
        SocketReceiveFromResult received = await client.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return (Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
    }
}
