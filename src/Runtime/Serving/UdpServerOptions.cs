using System.Collections.Generic;

namespace DualStackGen;

/// <summary>
/// Where and how a <see cref="UdpServerRunner"/> binds and serves. Read once, when
/// <see cref="UdpServerRunner.StartAsync(System.Threading.CancellationToken)"/> is called.
/// </summary>
public sealed class UdpServerOptions : ServerOptions
{
    /// <summary>The largest UDP payload over IPv6 without jumbograms (65535 minus the 8-byte UDP header); the default <see cref="MaxDatagramSize"/>.</summary>
    public const int DefaultMaxDatagramSize = ServerOptionLimits.DefaultMaxDatagramSize;

    /// <summary>
    /// Gets or sets the receive buffer size, 1 to <see cref="DefaultMaxDatagramSize"/> (the default); a longer
    /// datagram is dropped with a log line, never handed over cut short.
    /// </summary>
    public int MaxDatagramSize { get; set; } = DefaultMaxDatagramSize;

    /// <summary>
    /// Gets the datagram filters each received datagram passes, in order, before the handler; empty by default. Read at
    /// each start. See <see cref="IUdpDatagramFilter"/>.
    /// </summary>
    public IList<IUdpDatagramFilter> DatagramFilters { get; } = new List<IUdpDatagramFilter>();

    /// <summary>
    /// Gets or sets the size asked of the OS for each socket's receive buffer (<c>SO_RCVBUF</c>), in bytes, from 1024
    /// to 1073741823; <see langword="null"/> (the default) keeps the OS's default (on Linux <c>net.core.rmem_default</c>).
    /// Datagrams wait there while the handler is busy; those that find it full are dropped by the OS (counted in
    /// <see cref="ServerMetricNames.DatagramsDropped"/> on Linux). What the OS granted is logged at start: Linux doubles
    /// the request (half of it is its own bookkeeping) and caps it at <c>net.core.rmem_max</c>, with a warning then.
    /// Configuration key: <c>ReceiveBufferSize</c>.
    /// </summary>
    public int? ReceiveBufferSize { get; set; }

    private protected override IEnumerable<string> OwnSettingNames => [nameof(MaxDatagramSize), nameof(ReceiveBufferSize)];

    private protected override bool TryApplyOwnSetting(string key, string value, string fullKey)
    {
        if (IsSetting(key, nameof(ReceiveBufferSize)))
        {
            ReceiveBufferSize = ParseSetting(fullKey, value, ServerOptionLimits.MinReceiveBufferSize, ServerOptionLimits.MaxReceiveBufferSize, $"a whole number of bytes from {ServerOptionLimits.MinReceiveBufferSize} to {ServerOptionLimits.MaxReceiveBufferSize}, the size of each socket's receive buffer.");
            return true;
        }

        if (!IsSetting(key, nameof(MaxDatagramSize)))
        {
            return false;
        }

        MaxDatagramSize = ParseSetting(fullKey, value, ServerOptionLimits.MinDatagramSize, ServerOptionLimits.MaxDatagramSize, $"a whole number from {ServerOptionLimits.MinDatagramSize} to {ServerOptionLimits.MaxDatagramSize}, the largest UDP payload.");
        return true;
    }
}
