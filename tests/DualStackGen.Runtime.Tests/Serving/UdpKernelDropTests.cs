using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// <see cref="ServerMetricNames.DatagramsDropped"/>: a flood at a server whose handler is blocked overflows the socket's
/// receive buffer; the kernel's drops show in the metric, as many as <c>/proc/net/udp</c> reports for that socket.
/// </summary>
public sealed class UdpKernelDropTests
{
    private const int FloodDatagrams = 300;

    [Fact]
    public async Task A_flood_at_a_blocked_handler_is_counted_as_dropped_as_the_kernel_reports_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Kernel drop counters are read on Linux only.");
        }

        string name = $"Drops-{Guid.NewGuid():N}";
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int handled = 0;
        await using var runner = new UdpServerRunner(name, new UdpServerOptions { Host = "127.0.0.1", ReceiveBufferSize = 1024 }, async (datagram, cancellationToken) =>
        {
            Interlocked.Increment(ref handled);
            handlerEntered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        });
        await runner.StartAsync();
        int port = runner.LocalEndPoints[0].Port;
        Assert.Equal(0, DropsOf(name));

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var server = new IPEndPoint(IPAddress.Loopback, port);
        await client.SendToAsync(new byte[1], server);
        await handlerEntered.Task.WaitAsync(Loopback.Timeout);
        byte[] datagram = new byte[512];
        for (int i = 0; i < FloodDatagrams; i++)
        {
            await client.SendToAsync(datagram, server);
        }

        long dropped = DropsOf(name) ?? throw new InvalidOperationException($"No {ServerMetricNames.DatagramsDropped} measurement for {name}.");
        Assert.True(dropped > 0, "A receive buffer of a few KB cannot hold 300 datagrams of 512 bytes: the kernel must have dropped some.");
        Assert.Equal(ProcNetUdpDrops(port), dropped);

        release.SetResult();
        await runner.StopAsync();
        Assert.True(handled + dropped <= FloodDatagrams + 1, $"{handled} handled and {dropped} dropped of {FloodDatagrams + 1} sent.");
        Assert.Null(DropsOf(name));
    }

    /// <summary>Collects the observable counter once; <see langword="null"/> when the server has no series (it is not running).</summary>
    private static long? DropsOf(string serverName)
    {
        long? drops = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ServerMetricNames.MeterName && instrument.Name == ServerMetricNames.DatagramsDropped)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Dictionary<string, object?> tagged = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (Equals(tagged[ServerMetricNames.ServerNameTag], serverName))
            {
                Assert.Equal("udp", tagged[ServerMetricNames.NetworkTransportTag]);
                Assert.Null(drops);
                drops = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return drops;
    }

    // The last column of /proc/net/udp is the socket's drop counter; local_address is hex, 127.0.0.1 as 0100007F.
    private static long ProcNetUdpDrops(int port)
    {
        string local = $"0100007F:{port.ToString("X4", CultureInfo.InvariantCulture)}";
        string line = Assert.Single(File.ReadLines("/proc/net/udp").Skip(1), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == local);
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
    }
}
