using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Metrics;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// MaxConnectionsPerAddress counts the normalized peer address: an IPv4 client is one peer whether it reaches a
/// dual-stack socket from an IPv4 socket or as <c>::ffff:127.0.0.1</c> from an IPv6 one.
/// </summary>
public sealed class MaxConnectionsPerAddressTests
{
    private static readonly TcpConnectionHandler Echo = static (connection, cancellationToken) =>
        new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken));

    [Fact]
    public async Task A_third_connection_from_127_0_0_1_is_refused_whether_it_comes_over_ipv4_or_as_mapped_ipv6_while_ipv6_loopback_is_served()
    {
        string serverName = ServerMeasurements.UniqueServerName("PerAddress");
        using var measurements = new ServerMeasurements(serverName);
        var logger = new RecordingLogger();
        await using var runner = new TcpServerRunner(
            serverName,
            new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, MaxConnectionsPerAddress = 2, Logger = logger },
            Echo);
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;

        using TcpClientConnection overIPv4 = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("one", await overIPv4.EchoAsync("one"));
        using Socket mapped = await ConnectMappedAsync(port);
        Assert.Equal("two", await EchoAsync(mapped, "two"));

        using (TcpClientConnection thirdOverIPv4 = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port))
        {
            Assert.True(await thirdOverIPv4.ServerClosedAsync(), "a third IPv4 connection is closed unserved");
        }

        using (Socket thirdMapped = await ConnectMappedAsync(port))
        {
            Assert.True(await ServerClosedAsync(thirdMapped), "a third connection as ::ffff:127.0.0.1 is closed unserved");
        }

        using TcpClientConnection overIPv6 = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, port);
        Assert.Equal("ipv6", await overIPv6.EchoAsync("ipv6"));

        await measurements.WaitUntilAsync(
            m => m.Sum(ServerMetricNames.ConnectionsRejected, ServerMetricNames.ErrorTypeTag, ServerMetricNames.MaxConnectionsPerAddressErrorType) == 2,
            "both refusals counted with their reason");
        Assert.Equal(2, logger.MessagesAt(LogLevel.Debug).Count(line => line.Contains("refused: 127.0.0.1 already has 2 connection(s) open (MaxConnectionsPerAddress)", System.StringComparison.Ordinal)));

        // The count goes down with the connection: once one closes, 127.0.0.1 is served again.
        overIPv4.Dispose();
        await measurements.WaitUntilAsync(m => m.Of(ServerMetricNames.ConnectionDuration).Count >= 1, "the closed connection to be recorded");
        using TcpClientConnection again = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("again", await again.EchoAsync("again"));
        Assert.Equal("still", await EchoAsync(mapped, "still"));
    }

    [Fact]
    public async Task A_negative_limit_fails_the_start_naming_the_option()
    {
        await using var runner = new TcpServerRunner("PerAddress", new TcpServerOptions { Host = "::1", MaxConnectionsPerAddress = -1 }, Echo);

        System.ArgumentOutOfRangeException error = await Assert.ThrowsAsync<System.ArgumentOutOfRangeException>(() => runner.StartAsync());

        Assert.Equal(nameof(TcpServerOptions.MaxConnectionsPerAddress), error.ParamName);
    }

    private static async Task<Socket> ConnectMappedAsync(int port)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback.MapToIPv6(), port), timeout.Token);
        Assert.Equal(IPAddress.Loopback.MapToIPv6(), ((IPEndPoint)socket.LocalEndPoint!).Address);
        return socket;
    }

    private static async Task<string> EchoAsync(Socket socket, string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        byte[] sent = System.Text.Encoding.ASCII.GetBytes(text);
        await socket.SendAsync(sent, timeout.Token);
        byte[] received = new byte[sent.Length];
        int total = 0;
        while (total < received.Length)
        {
            int read = await socket.ReceiveAsync(received.AsMemory(total), timeout.Token);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return System.Text.Encoding.ASCII.GetString(received, 0, total);
    }

    private static async Task<bool> ServerClosedAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        try
        {
            return await socket.ReceiveAsync(new byte[1], timeout.Token) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return true;
        }
    }
}
