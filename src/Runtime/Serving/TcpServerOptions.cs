using System;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Where and how a <see cref="TcpServerRunner"/> listens and serves. Read once, when
/// <see cref="TcpServerRunner.StartAsync(System.Threading.CancellationToken)"/> is called; later changes take
/// effect on the next runner.
/// </summary>
public sealed class TcpServerOptions
{
    /// <summary>Gets or sets the host; <c>"::"</c> (any address) by default. See <see cref="HostKind"/> for the forms.</summary>
    public string Host { get; set; } = "::";

    /// <summary>Gets or sets the port, 0 to 65535; 0 (the default) lets the OS pick one, the same for every socket.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the families served and how; <see cref="ListenMode.Auto"/> by default.</summary>
    public ListenMode Mode { get; set; } = ListenMode.Auto;

    /// <summary>Gets or sets each listening socket's accept-queue length; <see cref="ListenOptions.DefaultBacklog"/> by default.</summary>
    public int Backlog { get; set; } = ListenOptions.DefaultBacklog;

    /// <summary>
    /// Gets or sets how many connections are handled at once; 0 (the default) for no limit. At the limit the server
    /// stops accepting, so further connections wait in the OS accept queue (<see cref="Backlog"/>) until a handler
    /// returns; the OS completes their handshake, but nothing reads from them yet.
    /// </summary>
    public int MaxConcurrentConnections { get; set; }

    /// <summary>
    /// Gets or sets how long <see cref="TcpServerRunner.StopAsync(System.Threading.CancellationToken)"/> waits for
    /// handlers to return after cancelling their token, before it closes the connections still open; 5 seconds by
    /// default. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits for as long as it takes.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long resolving a host name may take before the start fails; 10 seconds by default.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets where binding, connections and handler failures are logged; none by default.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Gets or sets what the OS is taken to support; <see cref="OsSocketCapabilityProbe.Shared"/> by default.</summary>
    public ISocketCapabilityProbe? CapabilityProbe { get; set; }

    /// <summary>Gets or sets how host names are resolved; <see cref="DnsHostNameResolver.Shared"/> by default.</summary>
    public IHostNameResolver? HostNameResolver { get; set; }
}
