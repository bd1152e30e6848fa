using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Metrics;
using DualStackGen.Runtime.Tests.Serving;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// The connection pipeline with test-only steps: a refusal closes the connection without the handler and reaches the
/// log (Debug) and the metrics (<c>error.type</c>); steps see normalized addresses and run in order.
/// </summary>
public sealed class ConnectionPipelineTests
{
    [Fact]
    public async Task A_refusing_step_closes_the_connection_unhandled_and_its_reason_reaches_the_log_and_the_metrics()
    {
        string name = ServerMeasurements.UniqueServerName("Refused");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        int handled = 0;
        var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Logger = logger };
        options.ConnectionSteps.Add(new DenyAddressStep(IPAddress.Loopback));
        await using var server = new TcpServerHost(name, options);
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            Interlocked.Increment(ref handled);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });
        int port = server.LocalEndPoints[0].Port;

        // An IPv4 client of the dual-stack socket is seen as 127.0.0.1, not ::ffff:127.0.0.1, so the deny list matches.
        int deniedPort;
        using (TcpClientConnection denied = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port))
        {
            deniedPort = denied.LocalEndPoint.Port;
            Assert.True(await denied.ServerClosedAsync());
        }

        using TcpClientConnection allowed = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, port);
        Assert.Equal("served", await allowed.EchoAsync("served"));

        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the refused connection");
        ServerMeasurement rejected = Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected));
        Assert.Equal("address_denied", rejected.Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Equal("ipv4", rejected.Tag(ServerMetricNames.NetworkTypeTag));
        Assert.Equal(1, measurements.Sum(ServerMetricNames.ConnectionsAccepted));
        Assert.Equal(1, Volatile.Read(ref handled));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m =>
            m.StartsWith(name + ": connection ", StringComparison.Ordinal)
            && m.EndsWith($" from 127.0.0.1:{deniedPort} refused by DenyAddressStep: address_denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Steps_run_in_order_and_a_throwing_step_refuses_with_the_exception_type()
    {
        string name = ServerMeasurements.UniqueServerName("Throwing");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        var order = new ConcurrentQueue<string>();
        var options = new TcpServerOptions { Host = "::1", Logger = logger };
        options.ConnectionSteps.Add(new RecordingStep("first", order));
        options.ConnectionSteps.Add(new ThrowingStep());
        options.ConnectionSteps.Add(new RecordingStep("never", order));
        await using var server = new TcpServerHost(name, options);
        await server.StartAsync(static (_, _) => throw new InvalidOperationException("the handler must not run"));

        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        Assert.True(await client.ServerClosedAsync());

        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the refused connection");
        Assert.Equal(typeof(TimeoutException).FullName, Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Equal(["first"], order);
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsFailed));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m => m.EndsWith("refused by ThrowingStep: System.TimeoutException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusing_datagram_filter_drops_the_datagram_unhandled_and_its_reason_reaches_the_log_and_the_metrics()
    {
        string name = ServerMeasurements.UniqueServerName("UdpRefused");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        var options = new UdpServerOptions { Host = "localhost", Logger = logger };
        options.DatagramFilters.Add(new DenyFamilyFilter(AddressFamily.InterNetwork));
        await using var server = new UdpServerHost(name, options);
        await server.StartAsync(static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken));
        int port = server.LocalEndPoints[0].Port;

        using var denied = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var allowed = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await denied.SendToAsync(Encoding.ASCII.GetBytes("dropped"), new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.DatagramsFailed) == 1, "the refused datagram");
        await allowed.SendToAsync(Encoding.ASCII.GetBytes("served"), new IPEndPoint(IPAddress.IPv6Loopback, port), timeout.Token);
        byte[] buffer = new byte[16];
        int received = await allowed.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal("served", Encoding.ASCII.GetString(buffer, 0, received));
        ServerMeasurement failed = Assert.Single(measurements.Of(ServerMetricNames.DatagramsFailed));
        Assert.Equal("family_denied", failed.Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Equal("ipv4", failed.Tag(ServerMetricNames.NetworkTypeTag));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m => m.Contains("datagram from 127.0.0.1:", StringComparison.Ordinal) && m.EndsWith("refused by DenyFamilyFilter: family_denied", StringComparison.Ordinal));
    }

    private sealed class DenyAddressStep(IPAddress denied) : ITcpConnectionStep
    {
        public ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
            => new(connection.RemoteEndPoint.Address.Equals(denied) ? StepVerdict.Refuse("address_denied") : StepVerdict.Continue);
    }

    private sealed class RecordingStep(string name, ConcurrentQueue<string> order) : ITcpConnectionStep
    {
        public async ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
        {
            await Task.Yield();
            order.Enqueue(name);
            return StepVerdict.Continue;
        }
    }

    private sealed class ThrowingStep : ITcpConnectionStep
    {
        public ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
            => throw new TimeoutException("the peer never sent its header");
    }

    private sealed class DenyFamilyFilter(AddressFamily denied) : IUdpDatagramFilter
    {
        public StepVerdict Filter(UdpDatagram datagram)
            => datagram.RemoteEndPoint.AddressFamily == denied ? StepVerdict.Refuse("family_denied") : StepVerdict.Continue;
    }
}
