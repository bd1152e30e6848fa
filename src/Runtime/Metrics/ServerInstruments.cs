using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace DualStackGen;

/// <summary>
/// The instruments of one <see cref="Meter"/> named <see cref="ServerMetricNames.MeterName"/>, shared by every runner
/// that records to that meter, and the tags their measurements carry.
/// </summary>
internal sealed class ServerInstruments
{
    // Kestrel's kestrel.connection.duration buckets: connections live from milliseconds to minutes, far longer than
    // the default buckets (made for milliseconds) describe well.
    private static readonly double[] s_connectionDurationBuckets = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

    // A factory may hand out one Meter to many runners (the default one caches them by name and version): the
    // instruments are created once per Meter, not once per runner start, and go with the Meter when it is collected.
    private static readonly ConditionalWeakTable<Meter, ServerInstruments> s_byMeter = new();

    private static readonly string? s_version = typeof(ServerInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private ServerInstruments(Meter meter)
    {
        ConnectionsAccepted = meter.CreateCounter<long>(ServerMetricNames.ConnectionsAccepted, "{connection}", "TCP connections accepted and handed to the handler.");
        ConnectionsActive = meter.CreateUpDownCounter<long>(ServerMetricNames.ConnectionsActive, "{connection}", "TCP connections open.");
        ConnectionDuration = meter.CreateHistogram(
            ServerMetricNames.ConnectionDuration,
            "s",
            "Time from a TCP connection's accept to its close.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = s_connectionDurationBuckets });
        ConnectionsRejected = meter.CreateCounter<long>(ServerMetricNames.ConnectionsRejected, "{connection}", "TCP connections closed without running the handler because the server was stopping.");
        ConnectionsFailed = meter.CreateCounter<long>(ServerMetricNames.ConnectionsFailed, "{connection}", "TCP connections that ended in failure, and failed accepts.");
        AcceptPauses = meter.CreateCounter<long>(ServerMetricNames.AcceptPauses, "{episode}", "Episodes in which a TCP server paused accepting for want of file descriptors or socket buffers.");
        DatagramsReceived = meter.CreateCounter<long>(ServerMetricNames.DatagramsReceived, "{datagram}", "UDP datagrams received.");
        DatagramsFailed = meter.CreateCounter<long>(ServerMetricNames.DatagramsFailed, "{datagram}", "UDP datagrams whose handler threw, or dropped for their size.");
        DatagramsDropped = new UdpKernelDropCounter(meter);
    }

    public Counter<long> ConnectionsAccepted { get; }

    public UpDownCounter<long> ConnectionsActive { get; }

    public Histogram<double> ConnectionDuration { get; }

    public Counter<long> ConnectionsRejected { get; }

    public Counter<long> ConnectionsFailed { get; }

    public Counter<long> AcceptPauses { get; }

    public Counter<long> DatagramsReceived { get; }

    public Counter<long> DatagramsFailed { get; }

    public UdpKernelDropCounter DatagramsDropped { get; }

    /// <summary>
    /// The instruments on the meter <paramref name="meterFactory"/> creates, or, without a factory, on the process-wide
    /// meter.
    /// </summary>
    public static ServerInstruments For(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return SharedMeter.Instruments;
        }

        Meter meter = meterFactory.Create(new MeterOptions(ServerMetricNames.MeterName) { Version = s_version });
        return s_byMeter.GetValue(meter, static meter => new ServerInstruments(meter));
    }

    /// <summary>The tags of a measurement about one peer.</summary>
    public static TagList PeerTags(string serverName, string transport, IPAddress peer) => new()
    {
        { ServerMetricNames.ServerNameTag, serverName },
        { ServerMetricNames.NetworkTransportTag, transport },
        { ServerMetricNames.NetworkTypeTag, NetworkType(peer) },
    };

    /// <summary>The tags of a measurement with no peer, such as a failed accept.</summary>
    public static TagList ServerTags(string serverName, string transport) => new()
    {
        { ServerMetricNames.ServerNameTag, serverName },
        { ServerMetricNames.NetworkTransportTag, transport },
    };

    /// <summary>The name of <paramref name="exception"/>'s type, as OpenTelemetry's <c>error.type</c> wants it.</summary>
    public static string ErrorType(Exception exception)
    {
        Type type = exception.GetType();
        return type.FullName ?? type.Name;
    }

    // Reads the family the address has once normalized, without allocating the normalized address.
    private static string NetworkType(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? "ipv4" : "ipv6";

    // Created on first use, so a process that never starts a runner without a factory creates no process-wide meter;
    // that meter then lives as long as the process, as the BCL's own meters do.
    private static class SharedMeter
    {
        public static readonly ServerInstruments Instruments = new(new Meter(new MeterOptions(ServerMetricNames.MeterName) { Version = s_version }));
    }
}
