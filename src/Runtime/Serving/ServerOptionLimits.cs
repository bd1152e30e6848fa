namespace DualStackGen;

/// <summary>
/// The defaults and ranges of the server options, in one place for the runtime's checks, the configuration reader
/// and the generator's attribute checks (which compile this file too). Kept free of anything newer than
/// netstandard2.0 for that reason.
/// </summary>
internal static class ServerOptionLimits
{
    public const string DefaultHost = "::";

    public const int MinPort = 0;

    public const int MaxPort = 65535;

    /// <summary>Kestrel's accept-queue length.</summary>
    public const int DefaultBacklog = 512;

    public const int MinBacklog = 1;

    /// <summary>0 is no limit.</summary>
    public const int DefaultMaxConcurrentConnections = 0;

    public const int MinMaxConcurrentConnections = 0;

    /// <summary>The largest UDP payload over IPv6 without jumbograms: 65535 minus the 8-byte UDP header.</summary>
    public const int MaxDatagramSize = 65527;

    public const int MinDatagramSize = 1;

    public const int DefaultMaxDatagramSize = MaxDatagramSize;

    /// <summary>Any OS raises a smaller receive buffer to its own floor.</summary>
    public const int MinReceiveBufferSize = 1024;

    /// <summary>int.MaxValue / 2: the most Linux takes before it doubles the request.</summary>
    public const int MaxReceiveBufferSize = 1073741823;

    public const int DefaultStopTimeoutSeconds = 5;

    public const int DefaultResolveTimeoutSeconds = 10;
}
