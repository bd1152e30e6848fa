using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Serving;

namespace DualStackGen.Runtime.Tests.Metrics;

public sealed class MeterFactoryTests
{
    [Fact]
    public async Task A_runner_given_a_MeterFactory_records_on_a_meter_it_created_and_not_on_the_shared_one()
    {
        string name = ServerMeasurements.UniqueServerName("Factory");
        using var factory = new CountingMeterFactory();
        using var onFactoryMeter = new ServerMeasurements(name, meter => meter.Scope == factory);
        using var onOtherMeters = new ServerMeasurements(name, meter => meter.Scope != factory);
        await using (var runner = new TcpServerRunner(name, new TcpServerOptions { Host = "::", MeterFactory = factory }, static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken))))
        {
            await runner.StartAsync();
            using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, runner.LocalEndPoints[0].Port);
            Assert.Equal("echo", await client.EchoAsync("echo"));
        }

        Assert.Equal(1, onFactoryMeter.Sum(ServerMetricNames.ConnectionsAccepted, ServerMetricNames.NetworkTypeTag, "ipv4"));
        Assert.Equal(0, onFactoryMeter.Sum(ServerMetricNames.ConnectionsActive));
        Assert.Single(onFactoryMeter.Of(ServerMetricNames.ConnectionDuration));
        Assert.Empty(onOtherMeters.Of(ServerMetricNames.ConnectionsAccepted));
        Assert.Empty(onOtherMeters.Of(ServerMetricNames.ConnectionDuration));
        Assert.Equal(ServerMetricNames.MeterName, Assert.Single(factory.Requests).Name);
    }

    [Fact]
    public async Task The_meter_publishes_the_documented_instruments_with_their_units()
    {
        using var factory = new CountingMeterFactory();
        var published = new ConcurrentQueue<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == factory)
                {
                    published.Enqueue(instrument);
                }
            },
        };
        listener.Start();
        await using (var tcp = new TcpServerRunner(ServerMeasurements.UniqueServerName("Instruments"), new TcpServerOptions { Host = "::1", MeterFactory = factory }, static (_, _) => ValueTask.CompletedTask))
        {
            await tcp.StartAsync();
        }

        await using (var udp = new UdpServerRunner(ServerMeasurements.UniqueServerName("Instruments"), new UdpServerOptions { Host = "::1", MeterFactory = factory }, static (_, _) => ValueTask.CompletedTask))
        {
            await udp.StartAsync();
        }

        Assert.Equal(
            [
                ("dualstackgen.accept.pauses", typeof(Counter<long>), "{episode}"),
                ("dualstackgen.connection.duration", typeof(Histogram<double>), "s"),
                ("dualstackgen.connections.accepted", typeof(Counter<long>), "{connection}"),
                ("dualstackgen.connections.active", typeof(UpDownCounter<long>), "{connection}"),
                ("dualstackgen.connections.failed", typeof(Counter<long>), "{connection}"),
                ("dualstackgen.connections.rejected", typeof(Counter<long>), "{connection}"),
                ("dualstackgen.datagrams.dropped", typeof(ObservableCounter<long>), "{datagram}"),
                ("dualstackgen.datagrams.failed", typeof(Counter<long>), "{datagram}"),
                ("dualstackgen.datagrams.received", typeof(Counter<long>), "{datagram}"),
            ],
            published.Select(i => (i.Name, i.GetType(), i.Unit)).OrderBy(i => i.Name, StringComparer.Ordinal));
        Assert.All(published, instrument => Assert.False(string.IsNullOrWhiteSpace(instrument.Description), instrument.Name));
        Assert.Equal(ServerMetricNames.MeterName, Assert.Single(factory.Meters).Name);
        Assert.Equal(2, factory.Requests.Count);

        // Kestrel's kestrel.connection.duration buckets, from 10 ms to 5 minutes.
        var duration = (Histogram<double>)published.Single(i => i.Name == ServerMetricNames.ConnectionDuration);
        Assert.Equal([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300], duration.Advice?.HistogramBucketBoundaries);
    }
}
