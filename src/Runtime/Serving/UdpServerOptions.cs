using System;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Where and how a <see cref="UdpServerRunner"/> binds and serves. Read once, when
/// <see cref="UdpServerRunner.StartAsync(System.Threading.CancellationToken)"/> is called.
/// </summary>
public sealed class UdpServerOptions
{
    /// <summary>The largest UDP payload over IPv6 without jumbograms (65535 minus the 8-byte UDP header); the default <see cref="MaxDatagramSize"/>.</summary>
    public const int DefaultMaxDatagramSize = 65527;

    /// <summary>Gets or sets the host; <c>"::"</c> (any address) by default. See <see cref="HostKind"/> for the forms.</summary>
    public string Host { get; set; } = "::";

    /// <summary>Gets or sets the port, 0 to 65535; 0 (the default) lets the OS pick one, the same for every socket.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the families served and how; <see cref="ListenMode.Auto"/> by default.</summary>
    public ListenMode Mode { get; set; } = ListenMode.Auto;

    /// <summary>
    /// Gets or sets the receive buffer size, 1 to <see cref="DefaultMaxDatagramSize"/> (the default); a longer
    /// datagram is dropped with a log line, never handed over cut short.
    /// </summary>
    public int MaxDatagramSize { get; set; } = DefaultMaxDatagramSize;

    /// <summary>
    /// Gets or sets how long <see cref="UdpServerRunner.StopAsync(System.Threading.CancellationToken)"/> waits for
    /// running handlers to return after cancelling their token, before it closes the sockets; 5 seconds by default.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long resolving a host name may take before the start fails; 10 seconds by default.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets where binding and handler failures are logged; none by default.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Gets or sets what the OS is taken to support; <see cref="OsSocketCapabilityProbe.Shared"/> by default.</summary>
    public ISocketCapabilityProbe? CapabilityProbe { get; set; }

    /// <summary>Gets or sets how host names are resolved; <see cref="DnsHostNameResolver.Shared"/> by default.</summary>
    public IHostNameResolver? HostNameResolver { get; set; }
}
