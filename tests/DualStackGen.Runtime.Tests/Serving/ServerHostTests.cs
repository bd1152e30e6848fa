using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>The start/stop/restart races of <see cref="TcpServerHost"/> and <see cref="UdpServerHost"/>, on real loopback sockets.</summary>
public sealed class ServerHostTests
{
    private static readonly TcpConnectionHandler Echo =
        static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken));

    [Fact]
    public async Task A_stopped_server_starts_again_and_serves_on_both_loopbacks_with_the_options_of_the_new_start()
    {
        await using var server = new TcpServerHost("Restart", new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack });
        Assert.False(server.IsRunning);
        Assert.Empty(server.LocalEndPoints);

        await server.StartAsync(Echo);
        int firstPort = Assert.Single(server.LocalEndPoints).Port;
        await AssertEchoesAsync(IPAddress.Loopback, firstPort);
        await server.StopAsync();
        Assert.False(server.IsRunning);
        Assert.Empty(server.LocalEndPoints);
        Assert.NotEqual(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.Loopback, firstPort));

        server.Options.Host = "localhost";
        await server.StartAsync(Echo);
        Assert.True(server.IsRunning);
        Assert.Equal(2, server.LocalEndPoints.Count);
        int secondPort = server.LocalEndPoints[0].Port;
        await AssertEchoesAsync(IPAddress.Loopback, secondPort);
        await AssertEchoesAsync(IPAddress.IPv6Loopback, secondPort);
    }

    [Fact]
    public async Task Starting_a_running_server_throws_and_leaves_it_serving()
    {
        await using var server = new TcpServerHost("Twice", new TcpServerOptions { Host = "::1" });
        await server.StartAsync(Echo);

        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(Echo));

        Assert.Contains("Twice is already started", e.Message, StringComparison.Ordinal);
        Assert.True(server.IsRunning);
        await AssertEchoesAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
    }

    [Fact]
    public async Task A_start_waits_for_the_stop_still_in_progress()
    {
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TcpServerHost("Waits", new TcpServerOptions { Host = "127.0.0.1", StopTimeout = Timeout.InfiniteTimeSpan });
        await server.StartAsync(async (_, _) =>
        {
            handlerEntered.TrySetResult();
            await release.Task; // ignores its token: the stop must wait for it
        });
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        Task stop = server.StopAsync();
        bool startWaited = false;
        server.Engine.WaitingForPreviousStop = () =>
        {
            startWaited = !stop.IsCompleted;
            release.TrySetResult();
        };
        try
        {
            Assert.False(stop.IsCompleted);
            await server.StartAsync(Echo).WaitAsync(Loopback.Timeout);

            Assert.True(startWaited);
            Assert.True(stop.IsCompletedSuccessfully);
            Assert.True(server.IsRunning);
            await AssertEchoesAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Every_stop_call_waits_for_the_stop_in_progress_and_a_stopped_server_returns_at_once()
    {
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new TcpServerHost("Stops", new TcpServerOptions { Host = "::1", StopTimeout = Timeout.InfiniteTimeSpan });
        Assert.True(server.StopAsync().IsCompletedSuccessfully);
        await server.StartAsync(async (_, _) =>
        {
            handlerEntered.TrySetResult();
            await release.Task;
        });
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        Task first = server.StopAsync();
        Task second = server.StopAsync();
        ValueTask disposed = server.DisposeAsync();

        // The handler cannot return before it is released, so no stop call can have finished yet.
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.False(disposed.IsCompleted);
        Assert.False(server.IsRunning);
        release.TrySetResult();
        await Task.WhenAll(first, second, disposed.AsTask()).WaitAsync(Loopback.Timeout);
        Assert.True(server.StopAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Dispose_stops_without_waiting_for_handlers_that_ignore_their_token()
    {
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new TcpServerHost("SyncDispose", new TcpServerOptions { Host = "::1", StopTimeout = Timeout.InfiniteTimeSpan });
        await server.StartAsync(async (_, _) =>
        {
            handlerEntered.TrySetResult();
            await never.Task;
        });
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        // With an infinite StopTimeout a Dispose that waited for the handler would never return.
        await Task.Run(server.Dispose).WaitAsync(Loopback.Timeout);

        Assert.False(server.IsRunning);
        Assert.True(await client.ServerClosedAsync());
        never.TrySetResult();
    }

    [Fact]
    public async Task A_failed_start_leaves_the_server_stopped_and_startable_once_the_options_are_fixed()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        int taken = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        await using var server = new TcpServerHost("Taken", new TcpServerOptions { Host = "127.0.0.1", Port = taken });

        ListenException e = await Assert.ThrowsAsync<ListenException>(() => server.StartAsync(Echo));

        Assert.Contains($"127.0.0.1:{taken}", e.Message, StringComparison.Ordinal);
        Assert.False(server.IsRunning);
        Assert.Empty(server.LocalEndPoints);
        server.Options.Port = 0;
        await server.StartAsync(Echo);
        await AssertEchoesAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port);
    }

    [Fact]
    public async Task A_stop_during_the_start_cancels_it_and_the_server_can_start_afterwards()
    {
        var resolving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resolver = new ScriptedResolver(async (_, cancellationToken) =>
        {
            resolving.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        });
        await using var server = new TcpServerHost("Cancelled", new TcpServerOptions { Host = "server.test", HostNameResolver = resolver });

        Task start = server.StartAsync(Echo);
        await resolving.Task.WaitAsync(Loopback.Timeout);
        await server.StopAsync().WaitAsync(Loopback.Timeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
        Assert.False(server.IsRunning);
        server.Options.Host = "::1";
        await server.StartAsync(Echo);
        await AssertEchoesAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
    }

    [Fact]
    public async Task A_udp_server_stops_and_starts_again()
    {
        await using var server = new UdpServerHost("UdpRestart", new UdpServerOptions { Host = "localhost" });
        UdpDatagramHandler echo = static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken);
        for (int run = 0; run < 2; run++)
        {
            await server.StartAsync(echo);
            Assert.True(server.IsRunning);
            int port = server.LocalEndPoints[0].Port;
            foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
            {
                using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                using var timeout = new CancellationTokenSource(Loopback.Timeout);
                await client.SendToAsync(Encoding.ASCII.GetBytes("run " + run), new IPEndPoint(address, port), timeout.Token);
                byte[] buffer = new byte[16];
                int received = await client.ReceiveAsync(buffer, timeout.Token);
                Assert.Equal("run " + run, Encoding.ASCII.GetString(buffer, 0, received));
            }

            await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(echo));
            await server.StopAsync();
            Assert.False(server.IsRunning);
            Assert.Empty(server.LocalEndPoints);
        }
    }

    private static async Task AssertEchoesAsync(IPAddress address, int port)
    {
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, port);
        Assert.Equal("ping " + address, await client.EchoAsync("ping " + address));
    }
}
