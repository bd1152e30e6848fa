using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Serving;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Metrics;

public sealed class TcpServerMetricsTests
{
    private const string NetworkType = ServerMetricNames.NetworkTypeTag;
    private const string ErrorType = ServerMetricNames.ErrorTypeTag;

    [Fact]
    public async Task Each_connection_is_counted_under_the_family_of_its_normalized_peer_and_leaves_the_active_count_when_it_closes()
    {
        string name = ServerMeasurements.UniqueServerName("Families");
        using var measurements = new ServerMeasurements(name);
        await using var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack }, EchoAsync);
        await runner.StartAsync();
        int port = Assert.Single(runner.LocalEndPoints).Port;

        foreach ((IPAddress address, string networkType) in new[] { (IPAddress.Loopback, "ipv4"), (IPAddress.IPv6Loopback, "ipv6") })
        {
            using (TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, port))
            {
                Assert.Equal("echo", await client.EchoAsync("echo"));
                Assert.Equal(1, measurements.Sum(ServerMetricNames.ConnectionsAccepted, NetworkType, networkType));
                Assert.Equal(1, measurements.Sum(ServerMetricNames.ConnectionsActive, NetworkType, networkType));
            }

            await measurements.WaitUntilAsync(m => m.Of(ServerMetricNames.ConnectionDuration).Any(d => Equals(d.Tag(NetworkType), networkType)), $"the {networkType} connection's duration");
            Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive, NetworkType, networkType));
        }

        Assert.Equal(2, measurements.Sum(ServerMetricNames.ConnectionsAccepted));
        Assert.All(measurements.Of(ServerMetricNames.ConnectionDuration), duration =>
        {
            Assert.True(duration.Value > 0, duration.ToString());
            Assert.Null(duration.Tag(ErrorType));
            Assert.Equal("tcp", duration.Tag(ServerMetricNames.NetworkTransportTag));
        });
        Assert.Equal(["ipv4", "ipv6"], measurements.Of(ServerMetricNames.ConnectionDuration).Select(d => (string)d.Tag(NetworkType)!).Order());
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsFailed));
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsRejected));
    }

    [Fact]
    public async Task A_handler_that_throws_counts_a_failed_connection_with_the_exception_type()
    {
        string name = ServerMeasurements.UniqueServerName("Throwing");
        using var measurements = new ServerMeasurements(name);
        await using var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::" }, static (_, _) => throw new InvalidDataException("handler bug"));
        await runner.StartAsync();

        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, runner.LocalEndPoints[0].Port);
        Assert.True(await client.ServerClosedAsync());
        await measurements.WaitUntilAsync(m => m.Of(ServerMetricNames.ConnectionDuration).Count > 0, "the connection's duration");

        ServerMeasurement failed = Assert.Single(measurements.Of(ServerMetricNames.ConnectionsFailed));
        Assert.Equal(typeof(InvalidDataException).FullName, failed.Tag(ErrorType));
        Assert.Equal("ipv6", failed.Tag(NetworkType));
        Assert.Equal(typeof(InvalidDataException).FullName, Assert.Single(measurements.Of(ServerMetricNames.ConnectionDuration)).Tag(ErrorType));
        Assert.Equal(1, measurements.Sum(ServerMetricNames.ConnectionsAccepted));
        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
    }

    [Fact]
    public async Task A_connection_open_when_the_server_stops_leaves_the_active_count_by_the_time_the_stop_returns()
    {
        string name = ServerMeasurements.UniqueServerName("Stopped");
        using var measurements = new ServerMeasurements(name);
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::" }, async (_, cancellationToken) =>
        {
            handlerEntered.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);
        Assert.Equal(1, measurements.Sum(ServerMetricNames.ConnectionsActive, NetworkType, "ipv4"));

        await runner.StopAsync().WaitAsync(Loopback.Timeout);

        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
        ServerMeasurement duration = Assert.Single(measurements.Of(ServerMetricNames.ConnectionDuration));
        Assert.Null(duration.Tag(ErrorType));
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsFailed));
    }

    [Fact]
    public async Task A_connection_closed_at_the_stop_timeout_counts_as_failed_once_even_when_its_handler_fails_later()
    {
        string name = ServerMeasurements.UniqueServerName("Stubborn");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::", StopTimeout = TimeSpan.FromMilliseconds(100), Logger = logger }, async (_, _) =>
        {
            handlerEntered.SetResult();
            await releaseHandler.Task;
            throw new InvalidOperationException("failing after the stop closed the connection");
        });
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);

        await runner.StopAsync().WaitAsync(Loopback.Timeout);

        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
        ServerMeasurement failed = Assert.Single(measurements.Of(ServerMetricNames.ConnectionsFailed));
        Assert.Equal("stop_timeout", failed.Tag(ErrorType));
        Assert.Equal("ipv4", failed.Tag(NetworkType));
        Assert.Equal("stop_timeout", Assert.Single(measurements.Of(ServerMetricNames.ConnectionDuration)).Tag(ErrorType));

        releaseHandler.SetResult();
        await WaitForLogAsync(logger, m => m.StartsWith($"{name}: connection ", StringComparison.Ordinal) && m.EndsWith(" closed", StringComparison.Ordinal));
        Assert.Single(measurements.Of(ServerMetricNames.ConnectionsFailed));
        Assert.Single(measurements.Of(ServerMetricNames.ConnectionDuration));
        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
    }

    [Fact]
    public async Task A_connection_the_stop_overtakes_before_it_is_registered_is_still_served_with_the_token_cancelled_and_counted_accepted()
    {
        string name = ServerMeasurements.UniqueServerName("Overtaken");
        using var measurements = new ServerMeasurements(name);
        bool? tokenCancelledAtStart = null;
        var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::" }, async (connection, cancellationToken) =>
        {
            tokenCancelledAtStart = cancellationToken.IsCancellationRequested;

            // A handler that answers the request already sent, as a graceful one does when its client came in at the stop.
            byte[] request = new byte[7];
            await connection.Stream.ReadExactlyAsync(request, CancellationToken.None);
            await connection.Stream.WriteAsync(request, CancellationToken.None);
        });
        var connectionHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.BeforeConnectionRegistered = async stopping =>
        {
            connectionHeld.SetResult();
            var stopBegan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (stopping.Register(stopBegan.SetResult))
            {
                await stopBegan.Task.WaitAsync(Loopback.Timeout);
            }
        };
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, runner.LocalEndPoints[0].Port);
        await client.SendAsync("request");
        await connectionHeld.Task.WaitAsync(Loopback.Timeout);

        Task stop = runner.StopAsync();
        Assert.Equal("request", await client.ReceiveAsync("request".Length).WaitAsync(Loopback.Timeout));
        await stop.WaitAsync(Loopback.Timeout);

        Assert.True(tokenCancelledAtStart);
        Assert.Equal(1, measurements.Sum(ServerMetricNames.ConnectionsAccepted, NetworkType, "ipv6"));
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsRejected));
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsFailed));
        Assert.Single(measurements.Of(ServerMetricNames.ConnectionDuration));
        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
        Assert.True(await client.ServerClosedAsync());
    }

    [Fact]
    public async Task A_connection_registered_only_after_a_timed_out_stop_returned_is_rejected_not_closed_as_stop_timeout()
    {
        string name = ServerMeasurements.UniqueServerName("Late");
        using var measurements = new ServerMeasurements(name);
        int handlerRuns = 0;
        var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::", StopTimeout = TimeSpan.Zero }, (connection, cancellationToken) =>
        {
            Interlocked.Increment(ref handlerRuns);
            return EchoAsync(connection, cancellationToken);
        });
        var connectionHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseConnection = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.BeforeConnectionRegistered = async _ =>
        {
            connectionHeld.SetResult();
            await releaseConnection.Task.WaitAsync(Loopback.Timeout);
        };
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
        await connectionHeld.Task.WaitAsync(Loopback.Timeout);

        await runner.StopAsync().WaitAsync(Loopback.Timeout);
        releaseConnection.SetResult();

        await measurements.WaitUntilAsync(m => m.Of(ServerMetricNames.ConnectionsRejected).Count > 0, "the connection's rejection");
        Assert.True(await client.ServerClosedAsync());
        Assert.Equal("ipv4", Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(NetworkType));
        Assert.Equal(0, Volatile.Read(ref handlerRuns));
        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsAccepted));
        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsFailed));
    }

    [Fact]
    public async Task Connections_racing_the_stop_are_each_recorded_closed_exactly_once()
    {
        string name = ServerMeasurements.UniqueServerName("Churn");
        using var measurements = new ServerMeasurements(name);
        var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::" }, EchoAsync);
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;
        using var clientsDone = new CancellationTokenSource();
        Task[] clients = [.. Enumerable.Range(0, 4).Select(i => Task.Run(() => ConnectUntilCancelledAsync(i % 2 == 0 ? IPAddress.Loopback : IPAddress.IPv6Loopback, port, clientsDone.Token)))];
        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsAccepted) >= 20, "20 accepted connections");

        // The stop waits for every handler it did not have to close, so by its end every close is recorded.
        await runner.StopAsync().WaitAsync(Loopback.Timeout);

        double accepted = measurements.Sum(ServerMetricNames.ConnectionsAccepted);
        Assert.Equal(0, measurements.Sum(ServerMetricNames.ConnectionsActive));
        Assert.Equal(accepted, measurements.Of(ServerMetricNames.ConnectionDuration).Count);
        Assert.DoesNotContain(measurements.Of(ServerMetricNames.ConnectionsFailed), m => Equals(m.Tag(ErrorType), ServerMetricNames.StopTimeoutErrorType));
        await clientsDone.CancelAsync();
        await Task.WhenAll(clients).WaitAsync(Loopback.Timeout);
    }

    private static async Task ConnectUntilCancelledAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, port);
                await client.EchoAsync("x");
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // The server stopped under this client: refused, reset, or closed before the echo.
            }
        }
    }

    private static async ValueTask EchoAsync(TcpConnection connection, CancellationToken cancellationToken)
        => await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);

    // The runner logs a connection's close after it has recorded the close, so the line marks the end of its metrics.
    private static async Task WaitForLogAsync(RecordingLogger logger, Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        while (!logger.MessagesAt(LogLevel.Debug).Any(match))
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
