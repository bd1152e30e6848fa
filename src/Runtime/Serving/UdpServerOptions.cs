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

    private protected override IEnumerable<string> OwnSettingNames => [nameof(MaxDatagramSize)];

    private protected override bool TryApplyOwnSetting(string key, string value, string fullKey)
    {
        if (!IsSetting(key, nameof(MaxDatagramSize)))
        {
            return false;
        }

        MaxDatagramSize = ParseSetting(fullKey, value, ServerOptionLimits.MinDatagramSize, ServerOptionLimits.MaxDatagramSize, $"a whole number from {ServerOptionLimits.MinDatagramSize} to {ServerOptionLimits.MaxDatagramSize}, the largest UDP payload.");
        return true;
    }
}
