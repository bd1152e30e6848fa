using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

public sealed class TcpServerRunnerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dual_stack_runner_echoes_over_both_loopbacks_and_shows_normalized_endpoints(bool useTransport)
    {
        var seen = new ConcurrentQueue<(IPEndPoint Remote, IPEndPoint Local)>();
        var logger = new RecordingLogger();
        await using var runner = new TcpServerRunner(
            "EchoServer",
            new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Logger = logger },
            async (connection, cancellationToken) =>
            {
                seen.Enqueue((connection.RemoteEndPoint, connection.LocalEndPoint));
                await (useTransport ? EchoOverTransportAsync(connection.Transport, cancellationToken) : connection.Stream.CopyToAsync(connection.Stream, cancellationToken));
            });
        await runner.StartAsync();
        int port = Assert.Single(runner.LocalEndPoints).Port;

        foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, port);
            Assert.Equal("hello over " + address, await client.EchoAsync("hello over " + address));
            Assert.Equal("and again", await client.EchoAsync("and again"));

            Assert.True(seen.TryDequeue(out var endPoints));
            Assert.Equal(new IPEndPoint(address, client.LocalEndPoint.Port), endPoints.Remote);
            Assert.Equal(new IPEndPoint(address, port), endPoints.Local);
        }

        string[] debug = logger.MessagesAt(LogLevel.Debug);
        Assert.Contains(debug, m => m.StartsWith("EchoServer: connection ", StringComparison.Ordinal) && m.Contains("from 127.0.0.1:", StringComparison.Ordinal) && m.EndsWith(" opened", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.Contains("from [::1]:", StringComparison.Ordinal) && m.EndsWith(" opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bytes_a_handler_leaves_unflushed_in_the_pipe_reach_the_client_before_the_connection_closes()
    {
        await using var runner = new TcpServerRunner("Unflushed", new TcpServerOptions { Host = "::1" }, static (connection, _) =>
        {
            PipeWriter output = connection.Transport.Output;
            "bye"u8.CopyTo(output.GetSpan(3));
            output.Advance(3);
            return ValueTask.CompletedTask;
        });
        await runner.StartAsync();

        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, runner.LocalEndPoints[0].Port);

        Assert.Equal("bye", await client.ReceiveAsync(3));
        Assert.True(await client.ServerClosedAsync());
    }

    [Fact]
    public async Task Connection_ids_are_unique_and_increasing()
    {
        var ids = new ConcurrentQueue<long>();
        await using var runner = new TcpServerRunner("Ids", new TcpServerOptions { Host = "localhost" }, async (connection, cancellationToken) =>
        {
            ids.Enqueue(connection.Id);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });
        await runner.StartAsync();

        for (int i = 0; i < 3; i++)
        {
            using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
            Assert.Equal("x", await client.EchoAsync("x"));
        }

        long[] seen = [.. ids];
        Assert.Equal(3, seen.Length);
        Assert.True(seen[0] < seen[1] && seen[1] < seen[2], string.Join(", ", seen));
    }

    [Fact]
    public async Task A_throwing_handler_closes_its_connection_is_logged_with_the_remote_endpoint_and_the_next_connection_is_served()
    {
        var logger = new RecordingLogger();
        int connections = 0;
        await using var runner = new TcpServerRunner("Flaky", new TcpServerOptions { Host = "::", Logger = logger }, async (connection, cancellationToken) =>
        {
            if (Interlocked.Increment(ref connections) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }

            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;

        using (TcpClientConnection first = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port))
        {
            Assert.True(await first.ServerClosedAsync());
            string warning = Assert.Single(logger.MessagesAt(LogLevel.Warning));
            Assert.StartsWith("Flaky: the handler of connection ", warning, StringComparison.Ordinal);
            Assert.Contains($" from 127.0.0.1:{first.LocalEndPoint.Port} failed", warning, StringComparison.Ordinal);
        }

        using TcpClientConnection second = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("still serving", await second.EchoAsync("still serving"));
    }

    [Fact]
    public async Task At_MaxConcurrentConnections_the_next_client_waits_until_a_connection_closes()
    {
        int handlersEntered = 0;
        await using var runner = new TcpServerRunner("Limited", new TcpServerOptions { Host = "::", MaxConcurrentConnections = 1 }, async (connection, cancellationToken) =>
        {
            Interlocked.Increment(ref handlersEntered);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;

        TcpClientConnection first = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("first", await first.EchoAsync("first"));
        using TcpClientConnection second = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, port);
        await second.SendAsync("second");
        Task<string> secondEcho = second.ReceiveAsync("second".Length);

        // The first connection keeps being served while the second waits; give a wrongly accepted second
        // connection every chance to be echoed before looking.
        Assert.Equal("first again", await first.EchoAsync("first again"));
        await Task.Delay(200);
        Assert.False(secondEcho.IsCompleted, "the second client was served while the first was still connected");
        Assert.Equal(1, Volatile.Read(ref handlersEntered));

        first.Dispose();
        Assert.Equal("second", await secondEcho);
        Assert.Equal(2, Volatile.Read(ref handlersEntered));
    }

    [Fact]
    public async Task At_MaxConcurrentConnections_an_idle_socket_does_not_hold_up_clients_of_the_other_family()
    {
        await using var runner = new TcpServerRunner("LimitedTwoSockets", new TcpServerOptions { Host = "localhost", MaxConcurrentConnections = 1 }, static (connection, cancellationToken) =>
            new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));
        await runner.StartAsync();
        Assert.Equal(2, runner.LocalEndPoints.Count);
        int port = runner.LocalEndPoints[0].Port;

        // Each accept loop must not sit on the only slot while its own socket is idle: every client here, whichever
        // family, is the only one connected and must be served.
        foreach (IPAddress address in new[] { IPAddress.IPv6Loopback, IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Loopback })
        {
            using TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, port);
            Assert.Equal("alone on " + address, await client.EchoAsync("alone on " + address));
        }
    }

    [Fact]
    public async Task Stopping_cancels_the_handler_closes_its_connection_and_frees_the_port()
    {
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerObservedCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new TcpServerRunner("Stoppable", new TcpServerOptions { Host = "::" }, async (connection, cancellationToken) =>
        {
            handlerEntered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                handlerObservedCancellation.SetResult();
                throw;
            }
        });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        await runner.StopAsync().WaitAsync(Loopback.Timeout);

        Assert.True(handlerObservedCancellation.Task.IsCompletedSuccessfully);
        Assert.True(await client.ServerClosedAsync());
        Assert.False(runner.IsRunning);
        Assert.Empty(runner.LocalEndPoints);
        await using TcpListenerSet rebound = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Port = port });
        Assert.Equal(port, rebound.Port);
    }

    [Fact]
    public async Task A_handler_that_ignores_cancellation_is_closed_after_StopTimeout()
    {
        var logger = new RecordingLogger();
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new TcpServerRunner(
            "Stubborn",
            new TcpServerOptions { Host = "::", StopTimeout = TimeSpan.FromMilliseconds(200), Logger = logger },
            async (connection, cancellationToken) =>
            {
                handlerEntered.SetResult();
                await releaseHandler.Task;
            });
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, runner.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        try
        {
            await runner.StopAsync().WaitAsync(Loopback.Timeout);

            Assert.True(await client.ServerClosedAsync());
            Assert.Contains(logger.MessagesAt(LogLevel.Warning), m => m == "Stubborn: 1 connection(s) still open 00:00:00.2000000 after stopping was requested; closed them");
        }
        finally
        {
            releaseHandler.SetResult();
        }
    }

    [Fact]
    public async Task A_cancelled_StopAsync_token_closes_stubborn_connections_without_waiting_for_StopTimeout()
    {
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new TcpServerRunner("Stubborn", new TcpServerOptions { Host = "::", StopTimeout = Timeout.InfiniteTimeSpan }, async (connection, cancellationToken) =>
        {
            handlerEntered.SetResult();
            await releaseHandler.Task;
        });
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        try
        {
            using var giveUp = new CancellationTokenSource();
            Task stopping = runner.StopAsync(giveUp.Token);
            Assert.False(stopping.IsCompleted, "with an infinite StopTimeout the stop waits for the handler");
            await giveUp.CancelAsync();
            await stopping.WaitAsync(Loopback.Timeout);

            Assert.True(await client.ServerClosedAsync());
        }
        finally
        {
            releaseHandler.SetResult();
        }
    }

    [Fact]
    public async Task LocalEndPoints_are_empty_before_start_normalized_with_the_real_port_while_running_and_empty_after_stop()
    {
        var runner = new TcpServerRunner("Endpoints", new TcpServerOptions { Host = "localhost" }, static (_, _) => ValueTask.CompletedTask);
        Assert.Empty(runner.LocalEndPoints);
        Assert.False(runner.IsRunning);

        await runner.StartAsync();

        Assert.True(runner.IsRunning);
        int port = runner.LocalEndPoints[0].Port;
        Assert.NotEqual(0, port);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port), new IPEndPoint(IPAddress.IPv6Loopback, port)], runner.LocalEndPoints);

        await runner.DisposeAsync();

        Assert.False(runner.IsRunning);
        Assert.Empty(runner.LocalEndPoints);
    }

    [Fact]
    public async Task A_runner_starts_once()
    {
        await using var runner = new TcpServerRunner("Once", new TcpServerOptions { Host = "::1" }, static (_, _) => ValueTask.CompletedTask);
        await runner.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync());

        await runner.StopAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync());
    }

    [Fact]
    public async Task Stopping_an_unstarted_runner_twice_is_harmless_and_it_cannot_start_afterwards()
    {
        var runner = new TcpServerRunner("Unstarted", new TcpServerOptions(), static (_, _) => ValueTask.CompletedTask);

        await runner.StopAsync();
        await runner.StopAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync());
        Assert.False(runner.IsRunning);
    }

    [Fact]
    public async Task Stopping_while_the_start_resolves_the_host_cancels_the_start()
    {
        var resolving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resolver = new ScriptedResolver(async (_, cancellationToken) =>
        {
            resolving.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [IPAddress.Loopback];
        });
        var runner = new TcpServerRunner("Racing", new TcpServerOptions { Host = "server.test", HostNameResolver = resolver }, static (_, _) => ValueTask.CompletedTask);

        Task starting = runner.StartAsync();
        await resolving.Task.WaitAsync(Loopback.Timeout);
        await runner.StopAsync().WaitAsync(Loopback.Timeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting.WaitAsync(Loopback.Timeout));
        Assert.False(runner.IsRunning);
        Assert.Empty(runner.LocalEndPoints);
    }

    [Fact]
    public async Task Invalid_options_fail_the_start()
    {
        await using var negativeLimit = new TcpServerRunner("Bad", new TcpServerOptions { MaxConcurrentConnections = -1 }, static (_, _) => ValueTask.CompletedTask);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => negativeLimit.StartAsync());

        await using var badHost = new TcpServerRunner("Bad", new TcpServerOptions { Host = "1.2.3" }, static (_, _) => ValueTask.CompletedTask);
        await Assert.ThrowsAsync<FormatException>(() => badHost.StartAsync());
        Assert.False(badHost.IsRunning);
    }

    private static async Task EchoOverTransportAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult read = await transport.Input.ReadAsync(cancellationToken);
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
            {
                await transport.Output.WriteAsync(segment, cancellationToken);
            }

            transport.Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }
}
