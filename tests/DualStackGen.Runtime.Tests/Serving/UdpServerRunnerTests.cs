using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

public sealed class UdpServerRunnerTests
{
    [Theory]
    [InlineData("::", ListenMode.DualStack)]
    [InlineData("localhost", ListenMode.Auto)]
    [InlineData("::", ListenMode.SeparateSockets)]
    public async Task A_runner_echoes_over_both_loopbacks_with_normalized_sender_and_local_address(string host, ListenMode mode)
    {
        var seen = new ConcurrentQueue<(IPEndPoint Remote, IPAddress Local)>();
        await using var runner = new UdpServerRunner("UdpEcho", new UdpServerOptions { Host = host, Mode = mode }, async (datagram, cancellationToken) =>
        {
            seen.Enqueue((datagram.RemoteEndPoint, datagram.LocalAddress));
            await datagram.ReplyAsync(datagram.Payload, cancellationToken);
        });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;

        foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            client.Bind(new IPEndPoint(address, 0));

            (string reply, IPEndPoint replier) = await RoundTripAsync(client, new IPEndPoint(address, port), "ping from " + address);

            Assert.Equal("ping from " + address, reply);
            Assert.Equal(new IPEndPoint(address, port), replier);
            Assert.True(seen.TryDequeue(out var endPoints));
            Assert.Equal(new IPEndPoint(address, ((IPEndPoint)client.LocalEndPoint!).Port), endPoints.Remote);
            Assert.Equal(address, endPoints.Local);
        }
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_with_the_sender_and_receiving_continues()
    {
        var logger = new RecordingLogger();
        await using var runner = new UdpServerRunner("FlakyUdp", new UdpServerOptions { Host = "::", Logger = logger }, async (datagram, cancellationToken) =>
        {
            if (datagram.Payload.Span.SequenceEqual("boom"u8))
            {
                throw new InvalidOperationException("handler bug");
            }

            await datagram.ReplyAsync(datagram.Payload, cancellationToken);
        });
        await runner.StartAsync();
        var server = new IPEndPoint(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendToAsync("boom"u8.ToArray(), server);
        (string reply, _) = await RoundTripAsync(client, server, "after the failure");

        Assert.Equal("after the failure", reply);
        string warning = Assert.Single(logger.MessagesAt(LogLevel.Warning));
        Assert.Equal($"FlakyUdp: the handler of a datagram from 127.0.0.1:{((IPEndPoint)client.LocalEndPoint!).Port} to 127.0.0.1 failed; receiving continues", warning);
    }

    [Fact]
    public async Task Stopping_cancels_a_running_handler_lets_it_reply_and_closes_the_sockets()
    {
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new UdpServerRunner("StoppableUdp", new UdpServerOptions { Host = "::" }, async (datagram, cancellationToken) =>
        {
            handlerEntered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await datagram.ReplyAsync("cancelled"u8.ToArray(), CancellationToken.None);
                throw;
            }
        });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;
        using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        await client.SendToAsync("wait"u8.ToArray(), new IPEndPoint(IPAddress.IPv6Loopback, port));
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        await runner.StopAsync().WaitAsync(Loopback.Timeout);

        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        byte[] buffer = new byte[64];
        int received = await client.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal("cancelled", Encoding.ASCII.GetString(buffer, 0, received));
        Assert.False(runner.IsRunning);
        Assert.Empty(runner.LocalEndPoints);
        await using UdpListenerSet rebound = await DualStackListener.BindUdpAsync(new ListenOptions { Host = "::", Port = port });
        Assert.Equal(port, rebound.Port);
    }

    [Fact]
    public async Task A_handler_that_ignores_cancellation_is_abandoned_after_StopTimeout_and_the_sockets_closed()
    {
        var logger = new RecordingLogger();
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new UdpServerRunner(
            "StubbornUdp",
            new UdpServerOptions { Host = "127.0.0.1", StopTimeout = TimeSpan.FromMilliseconds(200), Logger = logger },
            async (_, _) =>
            {
                handlerEntered.SetResult();
                await releaseHandler.Task;
            });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await client.SendToAsync("hold"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        try
        {
            await runner.StopAsync().WaitAsync(Loopback.Timeout);

            Assert.Contains(logger.MessagesAt(LogLevel.Warning), m => m.StartsWith("StubbornUdp: 1 datagram handler(s) still running", StringComparison.Ordinal));
            await using UdpListenerSet rebound = await DualStackListener.BindUdpAsync(new ListenOptions { Host = "127.0.0.1", Port = port });
            Assert.Equal(port, rebound.Port);
        }
        finally
        {
            releaseHandler.SetResult();
        }
    }

    [Fact]
    public async Task A_datagram_longer_than_MaxDatagramSize_is_dropped_not_cut_short()
    {
        var payloads = new ConcurrentQueue<string>();
        await using var runner = new UdpServerRunner("Small", new UdpServerOptions { Host = "127.0.0.1", MaxDatagramSize = 8 }, async (datagram, cancellationToken) =>
        {
            payloads.Enqueue(Encoding.ASCII.GetString(datagram.Payload.Span));
            await datagram.ReplyAsync(datagram.Payload, cancellationToken);
        });
        await runner.StartAsync();
        var server = new IPEndPoint(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendToAsync("much too long"u8.ToArray(), server);
        (string reply, _) = await RoundTripAsync(client, server, "8 bytes!");

        Assert.Equal("8 bytes!", reply);
        Assert.Equal(["8 bytes!"], payloads);
    }

    [Fact]
    public async Task LocalEndPoints_follow_the_lifecycle_and_a_runner_starts_once()
    {
        var runner = new UdpServerRunner("Lifecycle", new UdpServerOptions { Host = "localhost" }, static (_, _) => ValueTask.CompletedTask);
        Assert.Empty(runner.LocalEndPoints);

        await runner.StartAsync();

        int port = runner.LocalEndPoints[0].Port;
        Assert.NotEqual(0, port);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port), new IPEndPoint(IPAddress.IPv6Loopback, port)], runner.LocalEndPoints);
        Assert.True(runner.IsRunning);
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync());

        await runner.DisposeAsync();
        await runner.DisposeAsync();

        Assert.Empty(runner.LocalEndPoints);
        Assert.False(runner.IsRunning);
    }

    private static async Task<(string Reply, IPEndPoint From)> RoundTripAsync(Socket client, IPEndPoint server, string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await client.SendToAsync(Encoding.ASCII.GetBytes(text), server, timeout.Token);
        byte[] buffer = new byte[1024];
        EndPoint anySender = new IPEndPoint(client.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        SocketReceiveFromResult received = await client.ReceiveFromAsync(buffer, anySender, timeout.Token);
        return (Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
    }
}
