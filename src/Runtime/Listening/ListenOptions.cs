using System;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Where and how <see cref="DualStackListener"/> listens. A <see cref="ServerOptions"/> keeps its listening settings in
/// one of these, so a server's options reach the listener as they are, not copied.
/// </summary>
public sealed class ListenOptions
{
    /// <summary>The default accept-queue length, as Kestrel's.</summary>
    public const int DefaultBacklog = ServerOptionLimits.DefaultBacklog;

    /// <summary>Gets or sets the host; <c>"::"</c> (any address) by default. See <see cref="HostKind"/> for the forms; an empty host is refused at start.</summary>
    public string Host { get; set; } = ServerOptionLimits.DefaultHost;

    /// <summary>Gets or sets the port, 0 to 65535; 0 (the default) lets the OS pick one, the same for every socket.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the families served and how; <see cref="ListenMode.Auto"/> by default.</summary>
    public ListenMode Mode { get; set; } = ListenMode.Auto;

    /// <summary>Gets or sets each TCP listening socket's accept-queue length; ignored for UDP.</summary>
    public int Backlog { get; set; } = DefaultBacklog;

    /// <summary>Gets or sets how long resolving a host name may take before the start fails; 10 seconds by default.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(ServerOptionLimits.DefaultResolveTimeoutSeconds);

    /// <summary>Gets or sets where skipped families, fallbacks and the bound endpoints are logged; none by default.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Gets or sets what the OS is taken to support; <see cref="OsSocketCapabilityProbe.Shared"/> by default.</summary>
    public ISocketCapabilityProbe? CapabilityProbe { get; set; }

    /// <summary>Gets or sets how host names are resolved; <see cref="DnsHostNameResolver.Shared"/> by default.</summary>
    public IHostNameResolver? HostNameResolver { get; set; }

    /// <summary>
    /// Gets or sets whether each socket sets SO_REUSEPORT before binding, so that several processes (or servers) that
    /// all set it listen on one port and the kernel spreads connections and datagrams over them; <see langword="false"/>
    /// by default, and then a second server on a port in use fails to bind, for TCP and UDP alike. Linux and the BSDs
    /// (macOS included) only: elsewhere a start with it set fails with a <see cref="ListenException"/>.
    /// </summary>
    public bool ReusePort { get; set; }

    /// <summary>
    /// The name of the server these options belong to, set by <see cref="ServerHost{TOptions, THandler}"/>: socket
    /// activation gives a server the inherited sockets named after it (<c>FileDescriptorName=</c>) when there are any.
    /// </summary>
    internal string? ServerName { get; set; }
}
