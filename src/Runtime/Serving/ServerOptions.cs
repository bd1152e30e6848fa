using System;
using System.Diagnostics.Metrics;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// What <see cref="TcpServerOptions"/> and <see cref="UdpServerOptions"/> share: where to listen, how long a stop
/// waits for handlers, where to log, and the runtime's replaceable parts. Read once, when a runner starts; later
/// changes take effect on the next runner.
/// </summary>
public abstract partial class ServerOptions
{
    private protected ServerOptions()
    {
    }

    /// <summary>Gets or sets the host; <c>"::"</c> (any address) by default. See <see cref="HostKind"/> for the forms; an empty host is refused at start.</summary>
    public string Host { get => Listen.Host; set => Listen.Host = value; }

    /// <summary>Gets or sets the port, 0 to 65535; 0 (the default) lets the OS pick one, the same for every socket.</summary>
    public int Port { get => Listen.Port; set => Listen.Port = value; }

    /// <summary>Gets or sets the families served and how; <see cref="ListenMode.Auto"/> by default.</summary>
    public ListenMode Mode { get => Listen.Mode; set => Listen.Mode = value; }

    /// <summary>
    /// Gets or sets how long a stop waits for handlers to return after cancelling their token, before it closes what
    /// is still open (connections, or the UDP sockets under running handlers); 5 seconds by default.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(ServerOptionLimits.DefaultStopTimeoutSeconds);

    /// <summary>Gets or sets how long resolving a host name may take before the start fails; 10 seconds by default.</summary>
    public TimeSpan ResolveTimeout { get => Listen.ResolveTimeout; set => Listen.ResolveTimeout = value; }

    /// <summary>Gets or sets where binding, connections and handler failures are logged; none by default.</summary>
    public ILogger? Logger { get => Listen.Logger; set => Listen.Logger = value; }

    /// <summary>
    /// Gets or sets where the runner's <see cref="Meter"/> (named <see cref="ServerMetricNames.MeterName"/>) comes from;
    /// none by default. <see langword="null"/> records to one process-wide meter shared by every runner; set, the
    /// runner records to a meter created from this factory, as ASP.NET Core does with the one in dependency
    /// injection: the meter belongs to that container (a listener can tell its measurements apart by
    /// <see cref="Meter.Scope"/>) and is disposed with it.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Gets or sets what the OS is taken to support; <see cref="OsSocketCapabilityProbe.Shared"/> by default.</summary>
    public ISocketCapabilityProbe? CapabilityProbe { get => Listen.CapabilityProbe; set => Listen.CapabilityProbe = value; }

    /// <summary>Gets or sets how host names are resolved; <see cref="DnsHostNameResolver.Shared"/> by default.</summary>
    public IHostNameResolver? HostNameResolver { get => Listen.HostNameResolver; set => Listen.HostNameResolver = value; }

    /// <inheritdoc cref="ListenOptions.ReusePort"/>
    public bool ReusePort { get => Listen.ReusePort; set => Listen.ReusePort = value; }

    /// <summary>
    /// The listening settings themselves, which the properties above read and write: what a runner hands to
    /// <see cref="DualStackListener"/> at its start. Its <see cref="ListenOptions.Backlog"/> is the TCP backlog.
    /// </summary>
    internal ListenOptions Listen { get; } = new();

    internal void ThrowIfInvalidStopTimeout()
    {
        if (StopTimeout != Timeout.InfiniteTimeSpan && (StopTimeout < TimeSpan.Zero || StopTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(StopTimeout), StopTimeout, "StopTimeout must be zero or positive, and at most 24.20:31:23.647, or Timeout.InfiniteTimeSpan.");
        }
    }
}
