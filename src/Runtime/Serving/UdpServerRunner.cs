using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DualStackGen;

/// <summary>
/// Runs a UDP server: binds as <see cref="UdpServerOptions"/> say (dual-stack by default), receives on every socket
/// and hands each datagram to the handler, and stops gracefully. What a <c>[UdpServer]</c> class is generated onto;
/// usable by hand as well.
/// </summary>
/// <remarks>
/// <para>
/// Each socket has one receive loop with one pooled buffer of <see cref="UdpServerOptions.MaxDatagramSize"/> bytes,
/// and its datagrams are handled one at a time, in arrival order: the handler is awaited before the next receive.
/// So at most one handler runs per socket, the payload needs no copy, and a slow handler makes datagrams wait in
/// the socket's OS receive buffer — and be dropped when it is full, as UDP allows — rather than pile up in memory.
/// A handler that needs concurrency can copy the payload and hand the work off itself.
/// </para>
/// <para>
/// A handler that throws is logged at Warning with the sender's normalized endpoint; receiving continues. Stopping
/// cancels the handlers' token and the pending receives, waits up to <see cref="ServerOptions.StopTimeout"/> for
/// running handlers (they can still reply), then closes the sockets.
/// </para>
/// <para>
/// Each datagram is counted once on the meter <see cref="ServerMetricNames.MeterName"/>: received, and failed when
/// the handler threw or the datagram was too long (see <see cref="ServerMetricNames"/>).
/// </para>
/// </remarks>
public sealed class UdpServerRunner : IAsyncDisposable, IServerRun
{
    private readonly UdpServerOptions _options;
    private readonly UdpDatagramHandler _handler;
    private readonly ServerLifecycle _lifecycle;
    private readonly CancellationTokenSource _stopping = new();

    private ILogger _logger = NullLogger.Instance;
    private UdpServerMetrics? _metrics;
    private TimeSpan _stopTimeout;
    private int _maxDatagramSize;
    private IUdpDatagramFilter[] _filters = [];
    private UdpListenerSet? _sockets;
    private IReadOnlyList<IPEndPoint> _localEndPoints = [];
    private Task[] _receiveLoops = [];

    /// <summary>Creates a runner; nothing is bound until <see cref="StartAsync(CancellationToken)"/>.</summary>
    /// <param name="serverName">The server's name in log messages, such as the class's simple name.</param>
    /// <param name="options">Where and how to bind; read when the runner starts.</param>
    /// <param name="handler">Serves each datagram.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="serverName"/> is empty.</exception>
    public UdpServerRunner(string serverName, UdpServerOptions options, UdpDatagramHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ServerName = serverName;
        _options = options;
        _handler = handler;
        _lifecycle = new ServerLifecycle(serverName);
    }

    /// <summary>Gets the server's name, as used in log messages.</summary>
    public string ServerName { get; }

    /// <summary>Gets a value indicating whether the server is receiving: from the end of a successful start until a stop begins.</summary>
    public bool IsRunning => _lifecycle.IsRunning;

    /// <summary>
    /// Gets the bound endpoints, normalized, with the port the OS picked when 0 was asked for; empty before the
    /// server has started and once it has stopped.
    /// </summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => Volatile.Read(ref _localEndPoints);

    /// <summary>Binds the sockets and starts receiving; returns once they are bound.</summary>
    /// <param name="cancellationToken">Cancels the start, including a host name lookup.</param>
    /// <returns>A task that completes when the server is receiving.</returns>
    /// <exception cref="InvalidOperationException">The runner was started before, or stopped before it was started.</exception>
    /// <exception cref="FormatException">The host is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The host and mode contradict each other (the message names their configuration keys when either came from <see cref="ServerOptions.ApplySettings"/>).</exception>
    /// <exception cref="ListenException">Nothing could be bound, a bind failed, or the host name could not be resolved.</exception>
    /// <exception cref="OperationCanceledException">The start was cancelled, or the runner was stopped while starting.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
        => _lifecycle.StartAsync(BindAsync, Serve, cancellationToken);

    /// <summary>
    /// Stops: cancels the handlers' token and the pending receives, waits for running handlers up to
    /// <see cref="ServerOptions.StopTimeout"/>, then closes the sockets. Safe to call more than once, before the
    /// start and while it runs; every call waits for the one stop.
    /// </summary>
    /// <remarks>
    /// A handler that stops its own server should not await the stop: the stop waits for running handlers, that one
    /// included, up to <see cref="ServerOptions.StopTimeout"/>. Start the stop and return instead.
    /// </remarks>
    /// <param name="cancellationToken">Cancelling it ends the wait for handlers early: the sockets are closed at once.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
        => _lifecycle.StopAsync(StopServingAsync, cancellationToken);

    /// <summary>Stops the server, as <see cref="StopAsync(CancellationToken)"/>.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<UdpListenerSet> BindAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDatagramSize, ServerOptionLimits.MinDatagramSize, nameof(UdpServerOptions.MaxDatagramSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxDatagramSize, ServerOptionLimits.MaxDatagramSize, nameof(UdpServerOptions.MaxDatagramSize));
        _options.ThrowIfInvalidStopTimeout();
        _options.ThrowIfConfiguredHostAndModeContradict();
        _logger = _options.Logger ?? NullLogger.Instance;
        _metrics = new UdpServerMetrics(ServerInstruments.For(_options.MeterFactory), ServerName);
        _stopTimeout = _options.StopTimeout;
        _maxDatagramSize = _options.MaxDatagramSize;
        _filters = ConnectionPipeline.UdpFilters(_options);

        UdpListenerSet sockets = await DualStackListener.BindUdpAsync(_options.Listen, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (Socket socket in sockets.Sockets)
            {
                EnablePacketInformation(socket);
            }
        }
        catch
        {
            sockets.Dispose();
            throw;
        }

        return sockets;
    }

    /// <summary>Asks the OS to report each datagram's destination address, so a wildcard socket knows where it arrived.</summary>
    private static void EnablePacketInformation(Socket socket)
    {
        if (socket.AddressFamily == AddressFamily.InterNetwork)
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            return;
        }

        socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.PacketInformation, true);
        if (!socket.DualMode)
        {
            return;
        }

        // IPv4 datagrams on a dual-stack socket carry their destination in IP_PKTINFO, not IPV6_PKTINFO. .NET's
        // ReceiveMessageFrom enables both lazily on its first call; enabling them here makes an OS that refuses them
        // fail the start, not the first receive.
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
    }

    private void Serve(UdpListenerSet sockets)
    {
        _sockets = sockets;
        Volatile.Write(ref _localEndPoints, sockets.LocalEndPoints);
        UdpServerMetrics metrics = _metrics!;
        _receiveLoops = new Task[sockets.Sockets.Count];
        for (int i = 0; i < _receiveLoops.Length; i++)
        {
            Socket socket = sockets.Sockets[i];
            IPEndPoint localEndPoint = sockets.LocalEndPoints[i];
            _receiveLoops[i] = Task.Run(() => ReceiveLoopAsync(socket, localEndPoint, metrics));
        }
    }

    private async Task ReceiveLoopAsync(Socket socket, IPEndPoint localEndPoint, UdpServerMetrics metrics)
    {
        CancellationToken stopping = _stopping.Token;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_maxDatagramSize);
        EndPoint anySender = socket.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                SocketReceiveMessageFromResult received;
                try
                {
                    received = await socket.ReceiveMessageFromAsync(buffer.AsMemory(0, _maxDatagramSize), SocketFlags.None, anySender, stopping).ConfigureAwait(false);
                }
                catch (SocketException e) when (IsTransient(e.SocketErrorCode))
                {
                    Log.ReceiveFailedTransiently(_logger, ServerName, localEndPoint, e.SocketErrorCode.ToString());
                    continue;
                }
                catch (SocketException e) when (!stopping.IsCancellationRequested)
                {
                    // Not about one peer (out of buffers, say): giving up would leave this socket deaf while the server
                    // reports running, and retrying at once would spin while the condition lasts.
                    Log.ReceiveFailedRetrying(_logger, ServerName, localEndPoint, e);
                    await Task.Delay(TimeSpan.FromMilliseconds(50), stopping).ConfigureAwait(false);
                    continue;
                }

                var sender = (IPEndPoint)received.RemoteEndPoint;
                metrics.DatagramReceived(sender.Address);
                if ((received.SocketFlags & SocketFlags.Truncated) != 0)
                {
                    metrics.DatagramFailed(sender.Address, ServerMetricNames.DatagramTooLargeErrorType);
                    Log.DatagramTruncated(_logger, ServerName, sender.Normalize(), _maxDatagramSize);
                    continue;
                }

                var datagram = new UdpDatagram(socket, buffer.AsMemory(0, received.ReceivedBytes), sender, received.PacketInformation.Address ?? localEndPoint.Address);
                if (_filters.Length != 0 && Filter(datagram) is { } refusal)
                {
                    metrics.DatagramFailed(sender.Address, refusal);
                    continue;
                }

                try
                {
                    await _handler(datagram, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // The handler honoured the stop.
                }
                catch (Exception e)
                {
                    metrics.DatagramFailed(sender.Address, ServerInstruments.ErrorType(e));
                    Log.DatagramHandlerFailed(_logger, ServerName, datagram.RemoteEndPoint, datagram.LocalAddress, e);
                }
            }
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The server is stopping: the token fired under the receive, or the sockets were closed.
        }
        catch (Exception e)
        {
            Log.ReceiveFailed(_logger, ServerName, localEndPoint, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Runs the datagram filters; returns the refusal reason, or <see langword="null"/> when every filter let the datagram on.</summary>
    private string? Filter(UdpDatagram datagram)
    {
        foreach (IUdpDatagramFilter filter in _filters)
        {
            StepVerdict verdict;
            try
            {
                verdict = filter.Filter(datagram);
            }
            catch (Exception e)
            {
                string reason = ServerInstruments.ErrorType(e);
                Log.DatagramRefused(_logger, ServerName, datagram.RemoteEndPoint, datagram.LocalAddress, filter.GetType().Name, reason, e);
                return reason;
            }

            if (verdict.RefusalReason is { } refused)
            {
                Log.DatagramRefused(_logger, ServerName, datagram.RemoteEndPoint, datagram.LocalAddress, filter.GetType().Name, refused, null);
                return refused;
            }
        }

        return null;
    }

    // An ICMP error for an earlier reply (port unreachable, TTL exceeded, no route) surfaces on the next receive - on
    // Windows as ConnectionReset or NetworkReset; it concerns that peer, not this socket.
    private static bool IsTransient(SocketError error)
        => error is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize
            or SocketError.NetworkReset or SocketError.HostUnreachable or SocketError.NetworkUnreachable;

    private async Task StopServingAsync(CancellationToken gracefulWaitAborted)
    {
        Volatile.Write(ref _localEndPoints, []);
        _stopping.Cancel();
        Task receiving = Task.WhenAll(_receiveLoops);
        if (!await ServerLifecycle.WaitGracefullyAsync(receiving, _stopTimeout, gracefulWaitAborted).ConfigureAwait(false))
        {
            Log.DatagramHandlersAbandoned(_logger, ServerName, _receiveLoops.Count(loop => !loop.IsCompleted), _stopTimeout);
        }

        _sockets!.Dispose();
        Log.UdpServerStopped(_logger, ServerName);
    }
}
