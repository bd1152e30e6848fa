using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DualStackGen;

/// <summary>
/// Opens the listening sockets for a host, port and mode: parses the host, resolves a name once, asks the
/// capability probe what the OS supports, plans the sockets and binds them, falling back per family.
/// </summary>
/// <remarks>
/// In a process started by systemd socket activation (<c>LISTEN_FDS</c> and <c>LISTEN_PID</c> set for it, on Linux),
/// nothing is bound: the sockets of the plan are taken from the inherited ones, matched by transport, family, address,
/// port and IPV6_V6ONLY, and a start fails with a <see cref="ListenException"/> listing what was inherited when one is
/// missing. A server gets the inherited sockets named after it (<c>FileDescriptorName=</c>) when there are any, and
/// never one another running server holds. The variables are removed from the environment once read, and the
/// descriptors marked FD_CLOEXEC, so that child processes inherit neither.
/// </remarks>
/// <example>
/// <code>
/// await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Port = 8080 });
/// using Socket client = await listeners.AcceptAsync();
/// Console.WriteLine(((IPEndPoint)client.RemoteEndPoint!).ToDisplayString()); // 127.0.0.1:51514, not [::ffff:127.0.0.1]:51514
/// </code>
/// </example>
public static class DualStackListener
{
    /// <summary>Binds and starts listening on every TCP socket <paramref name="options"/> call for.</summary>
    /// <param name="options">Host, port, mode and the rest.</param>
    /// <param name="cancellationToken">Cancels the start, including a host name lookup.</param>
    /// <returns>The listening sockets, which the caller owns.</returns>
    /// <exception cref="FormatException">The host is not valid; the message quotes it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port, backlog or resolve timeout is out of range.</exception>
    /// <exception cref="ArgumentException">The host is empty (write <c>"::"</c> or <c>"*"</c> for any address), or the host and mode contradict each other (<c>"0.0.0.0"</c> with <see cref="ListenMode.IPv6Only"/>).</exception>
    /// <exception cref="ListenException">Nothing could be bound, a bind failed, or the host name could not be resolved.</exception>
    public static async Task<TcpListenerSet> ListenTcpAsync(ListenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Backlog, ServerOptionLimits.MinBacklog, nameof(options.Backlog));
        ILogger logger = options.Logger ?? NullLogger.Instance;
        (List<Socket> sockets, bool adopted) = await OpenAsync(options, SocketType.Stream, ProtocolType.Tcp, options.Backlog, logger, cancellationToken).ConfigureAwait(false);
        var listeners = new TcpListenerSet(sockets, logger, adopted);
        ReportListening(listeners, listeners.LocalEndPoints, options, logger);
        return listeners;
    }

    /// <summary>Binds every UDP socket <paramref name="options"/> call for.</summary>
    /// <param name="options">Host, port, mode and the rest; <see cref="ListenOptions.Backlog"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the start, including a host name lookup.</param>
    /// <returns>The bound sockets, which the caller owns.</returns>
    /// <exception cref="FormatException">The host is not valid; the message quotes it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port or resolve timeout is out of range.</exception>
    /// <exception cref="ArgumentException">The host is empty (write <c>"::"</c> or <c>"*"</c> for any address), or the host and mode contradict each other.</exception>
    /// <exception cref="ListenException">Nothing could be bound, a bind failed, or the host name could not be resolved.</exception>
    public static async Task<UdpListenerSet> BindUdpAsync(ListenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ILogger logger = options.Logger ?? NullLogger.Instance;
        (List<Socket> sockets, _) = await OpenAsync(options, SocketType.Dgram, ProtocolType.Udp, backlog: null, logger, cancellationToken).ConfigureAwait(false);
        var listeners = new UdpListenerSet(sockets);
        ReportListening(listeners, listeners.LocalEndPoints, options, logger);
        return listeners;
    }

    /// <summary>Why an empty host is refused, and what to write instead.</summary>
    internal const string EmptyHostMessage =
        "The host is empty. An empty host is refused rather than read as any address, because it is most often an unset variable "
        + "(--host \"$HOST\", EchoServer__Host=${HOST}) that would open the server on every interface: write \"::\" (or \"*\") "
        + "for any address on both families, \"0.0.0.0\" for IPv4 only, \"localhost\" for both loopbacks, or an address.";

    // The sockets, and whether they were adopted from the service manager (shared with it) rather than bound here.
    private static async Task<(List<Socket> Sockets, bool Adopted)> OpenAsync(
        ListenOptions options, SocketType socketType, ProtocolType protocolType, int? backlog, ILogger logger, CancellationToken cancellationToken)
    {
        if (options.Port is < ServerOptionLimits.MinPort or > ServerOptionLimits.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, $"Port {options.Port} is outside {ServerOptionLimits.MinPort}–{ServerOptionLimits.MaxPort}.");
        }

        if (options.Mode is < ListenMode.Auto or > ListenMode.IPv4Only)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Mode, $"ListenMode {(int)options.Mode} is not defined.");
        }

        if (options.ResolveTimeout != Timeout.InfiniteTimeSpan
            && (options.ResolveTimeout <= TimeSpan.Zero || options.ResolveTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.ResolveTimeout, "ListenOptions.ResolveTimeout must be positive and at most 24.20:31:23.647, or Timeout.InfiniteTimeSpan.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        HostSpec host = options.Host is null
            ? throw new ArgumentNullException(nameof(options), "ListenOptions.Host is null; use \"::\" for any address or \"localhost\" for the loopbacks.")
            : HostSpec.Parse(options.Host);
        if (host.IsLegacyEmptyHost)
        {
            // Once the legacy spelling of any address; today far more likely an unset variable (--host "$HOST",
            // EchoServer__Host=${HOST}) than a wish to listen on every interface, so it is refused from every source.
            throw new ArgumentException(EmptyHostMessage);
        }

        SocketCapabilities capabilities = (options.CapabilityProbe ?? OsSocketCapabilityProbe.Shared).GetCapabilities();
        Log.Capabilities(logger, capabilities.SupportsIPv4, capabilities.SupportsIPv6, capabilities.SupportsDualStack);

        IReadOnlyList<IPAddress> resolved = host.Kind == HostKind.Name
            ? await ResolveAsync(host, options, logger, cancellationToken).ConfigureAwait(false)
            : [];

        List<PlannedSocket> plan = SocketPlanner.Plan(host, resolved, options.Mode, capabilities, logger);
        if (plan.Count == 0)
        {
            string reason = host.Kind == HostKind.Name
                ? $"it resolved to {string.Join(", ", resolved)}, and none of those is of a family that ListenMode.{options.Mode} serves and this system supports."
                : $"no address family ListenMode.{options.Mode} needs is available on this system (IPv4 {capabilities.SupportsIPv4}, IPv6 {capabilities.SupportsIPv6}).";
            throw new ListenException(host.Text, options.Port, options.Mode, reason, []);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (SocketActivation.Inherited(logger) is { } inherited)
        {
            return (SocketActivation.Adopt(inherited, options, host, plan, socketType, logger), true);
        }

        if (options.ReusePort && !SocketBinder.SupportsReusePort)
        {
            throw new ListenException(host.Text, options.Port, options.Mode, $"ReusePort (SO_REUSEPORT) is available on Linux and the BSDs only, and this is {RuntimeInformation.OSDescription}.", []);
        }

        var binder = new SocketBinder(host, options.Port, options.Mode, socketType, protocolType, backlog, logger) { ReusePort = options.ReusePort };
        return (binder.Bind(plan), false);
    }

    private static void ReportListening(IDisposable listeners, IReadOnlyList<IPEndPoint> localEndPoints, ListenOptions options, ILogger logger)
    {
        try
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                Log.Listening(logger, string.Join(", ", localEndPoints.Select(e => e.ToDisplayString())), options.Host, options.Mode);
            }
        }
        catch
        {
            // A throwing logger must not leave the caller without the sockets and without a way to close them.
            listeners.Dispose();
            throw;
        }
    }

    private static async Task<IReadOnlyList<IPAddress>> ResolveAsync(HostSpec host, ListenOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        IHostNameResolver resolver = options.HostNameResolver ?? DnsHostNameResolver.Shared;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ResolveTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host.Name!, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ListenException(host.Text, options.Port, options.Mode, $"resolving the host name did not finish within {options.ResolveTimeout.TotalSeconds:0.###} s.", [], e);
        }
        catch (SocketException e)
        {
            throw new ListenException(host.Text, options.Port, options.Mode, $"the host name could not be resolved: {e.SocketErrorCode} ({e.Message}).", [], e);
        }

        if (addresses.Length == 0)
        {
            throw new ListenException(host.Text, options.Port, options.Mode, "the host name resolved to no address.", []);
        }

        Log.Resolved(logger, host.Text, string.Join(", ", addresses.Select(a => a.ToString())));
        return addresses;
    }
}
