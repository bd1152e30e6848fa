using System;
using System.Collections.Concurrent;
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
/// Runs a TCP server: listens as <see cref="TcpServerOptions"/> say (dual-stack by default), accepts connections
/// and hands each to the handler on a task of its own, and stops gracefully. What a <c>[TcpServer]</c> class is
/// generated onto; usable by hand as well.
/// </summary>
/// <remarks>
/// <para>
/// Each accepted socket gets <see cref="Socket.NoDelay"/> (an echo or request/response server should not wait for
/// Nagle's algorithm) and becomes a <see cref="TcpConnection"/>; the runner disposes it when the handler returns.
/// A handler that throws ends its own connection only: the exception is logged at Warning with the connection's
/// normalized remote endpoint, and the server keeps accepting.
/// </para>
/// <para>
/// Each listening socket has an accept loop of its own. With <see cref="TcpServerOptions.MaxConcurrentConnections"/>
/// set, the runner stops accepting while that many handlers run, rather than closing or queueing connections itself:
/// each loop holds at most the one connection it accepted last, unread, until a handler returns, and further clients
/// wait in the OS accept queue, bounded by <see cref="TcpServerOptions.Backlog"/>, served in order as handlers return.
/// </para>
/// <para>
/// Stopping closes the listening sockets, cancels the handlers' token, waits up to
/// <see cref="ServerOptions.StopTimeout"/> for the handlers to return, then closes the connections still open
/// (their pending reads and writes fail) and logs how many there were. A connection the OS accepted as the stop began
/// still reaches the handler, whose token is then already cancelled: its client may have sent a request, and only the
/// handler knows whether to answer it. The exceptions are a connection still waiting for a handler slot under
/// <see cref="TcpServerOptions.MaxConcurrentConnections"/> and one in a connection step (a TLS handshake, a PROXY
/// header), which the stop's token ends: both are closed unserved and counted rejected. Connections still in the OS
/// accept queue outlive the stop only where another descriptor holds the listening socket (socket activation).
/// </para>
/// <para>
/// Each connection is counted once when accepted and once when closed, never per read or write, on the meter
/// <see cref="ServerMetricNames.MeterName"/> (see <see cref="ServerMetricNames"/> for the instruments and
/// <see cref="ServerOptions.MeterFactory"/> for where the meter comes from).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var server = new TcpServerRunner("Echo", new TcpServerOptions { Port = 8080 },
///     static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));
/// await server.StartAsync();
/// </code>
/// </example>
public sealed class TcpServerRunner : IAsyncDisposable, IServerRun
{
    private readonly TcpServerOptions _options;
    private readonly TcpConnectionHandler _handler;
    private readonly ServerLifecycle _lifecycle;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, ServedConnection> _connections = new();

    // Completes when every accept loop has exited and every handler has returned: each accept loop holds one count
    // of its own, so the count cannot reach zero between two connections while the server still accepts.
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding;
    private bool _forceClosing;
    private bool _stopBegun;

    // The addresses of the stop's own connections, one per listening socket (see WakeAcceptLoopsAsync).
    private IPEndPoint?[]? _wakeUps;

    private ILogger _logger = NullLogger.Instance;
    private TcpServerMetrics? _metrics;
    private TimeSpan _stopTimeout;
    private SemaphoreSlim? _connectionSlots;
    private ITcpConnectionStep[] _steps = [];
    private TcpListenerSet? _listeners;
    private IReadOnlyList<IPEndPoint> _localEndPoints = [];
    private Task _acceptLoop = Task.CompletedTask;
    private AcceptBackoff? _acceptBackoff;
    private ConnectionHeartbeat? _heartbeat;
    private AddressConnectionCounts? _addressCounts;

    // Behind a PROXY protocol header the socket's peer is the proxy: the per-address limit must count the client,
    // known only after the steps. Without one it counts before them, so that a refused peer costs no handshake.
    private bool _countAddressesAfterSteps;
    private TimeSpan _idleTimeout = Timeout.InfiniteTimeSpan;
    private TimeSpan _firstByteTimeout = Timeout.InfiniteTimeSpan;
    private KeepAliveSettings? _keepAlive;
    private long _descriptorCeiling = long.MaxValue;
    private long? _softLimit;

    /// <summary>Creates a runner; nothing is bound until <see cref="StartAsync(CancellationToken)"/>.</summary>
    /// <param name="serverName">The server's name in log messages, such as the class's simple name.</param>
    /// <param name="options">Where and how to listen; read when the runner starts.</param>
    /// <param name="handler">Serves each connection.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="serverName"/> is empty.</exception>
    public TcpServerRunner(string serverName, TcpServerOptions options, TcpConnectionHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ServerName = serverName;
        _options = options;
        _handler = handler;
        _lifecycle = new ServerLifecycle(serverName);
    }

    /// <summary>
    /// For tests only: awaited for each accepted connection before it is registered, with the stop's token, so a test
    /// can hold a connection exactly where the stop can overtake it. <see langword="null"/> (always, outside tests)
    /// costs one check per connection.
    /// </summary>
    internal Func<CancellationToken, Task>? BeforeConnectionRegistered { get; set; }

    /// <summary>
    /// For tests: how many connections are handled at once, as decided at the start (0 for no limit): the option,
    /// or the limit derived from the descriptor limit when the option is 0.
    /// </summary>
    internal int EffectiveMaxConcurrentConnections { get; private set; }

    /// <summary>For tests: how many descriptor-exhaustion episodes the accept loops went through.</summary>
    internal int AcceptPauseEpisodes => _acceptBackoff?.Episodes ?? 0;

    /// <summary>Gets the server's name, as used in log messages.</summary>
    public string ServerName { get; }

    /// <summary>Gets a value indicating whether the server is accepting: from the end of a successful start until a stop begins.</summary>
    public bool IsRunning => _lifecycle.IsRunning;

    /// <summary>
    /// Gets the endpoints listened on, normalized, with the port the OS picked when 0 was asked for; empty before the
    /// server has started and once it has stopped.
    /// </summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => Volatile.Read(ref _localEndPoints);

    /// <summary>Binds the listening sockets and starts accepting; returns once they are bound.</summary>
    /// <param name="cancellationToken">Cancels the start, including a host name lookup.</param>
    /// <returns>A task that completes when the server is listening.</returns>
    /// <exception cref="InvalidOperationException">The runner was started before, or stopped before it was started.</exception>
    /// <exception cref="FormatException">The host is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The host and mode contradict each other (the message names their configuration keys when either came from <see cref="ServerOptions.ApplySettings"/>).</exception>
    /// <exception cref="ListenException">Nothing could be bound, a bind failed, or the host name could not be resolved.</exception>
    /// <exception cref="OperationCanceledException">The start was cancelled, or the runner was stopped while starting.</exception>
    /// <exception cref="System.IO.FileNotFoundException">A TLS certificate or key file (<see cref="TcpServerOptions.Tls"/>) does not exist; the message names the file and its configuration key.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A TLS certificate or key file could not be loaded; the message names the file and its configuration key.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
        => _lifecycle.StartAsync(ListenAsync, Serve, cancellationToken);

    /// <summary>
    /// Stops: closes the listening sockets, cancels the handlers' token, waits for the handlers up to
    /// <see cref="ServerOptions.StopTimeout"/>, then closes the connections still open. Safe to call more than once,
    /// before the start and while it runs; every call waits for the one stop.
    /// </summary>
    /// <remarks>
    /// A handler that stops its own server (a "shutdown" command) should not await the stop: the stop waits for every
    /// handler, that one included, so it would take the whole <see cref="ServerOptions.StopTimeout"/> and then close
    /// the handler's own connection (with <see cref="Timeout.InfiniteTimeSpan"/>, it would never finish). Start the
    /// stop and return instead.
    /// </remarks>
    /// <param name="cancellationToken">Cancelling it ends the wait for handlers early: the connections still open are closed at once.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
        => _lifecycle.StopAsync(StopServingAsync, cancellationToken);

    /// <summary>Stops the server, as <see cref="StopAsync(CancellationToken)"/>.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync() => new(StopAsync());

    private Task<TcpListenerSet> ListenAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentConnections, ServerOptionLimits.MinMaxConcurrentConnections, nameof(TcpServerOptions.MaxConcurrentConnections));
        _options.ThrowIfInvalidStopTimeout();
        _options.ThrowIfConfiguredHostAndModeContradict();
        _options.ThrowIfInvalidLimits();
        _logger = _options.Logger ?? NullLogger.Instance;
        _metrics = new TcpServerMetrics(ServerInstruments.For(_options.MeterFactory), ServerName);
        _stopTimeout = _options.StopTimeout;
        _steps = ConnectionPipeline.TcpSteps(ServerName, _options, _logger);
        _countAddressesAfterSteps = _options.ProxyProtocol.Mode != ProxyProtocolMode.Off;
        _idleTimeout = _options.IdleTimeout;
        _firstByteTimeout = _options.FirstByteTimeout;
        _keepAlive = _options.KeepAlive ? new KeepAliveSettings(_options.KeepAliveTime, _options.KeepAliveInterval, _options.KeepAliveRetryCount) : null;
        if (_options.MaxConnectionsPerAddress > 0)
        {
            _addressCounts = new AddressConnectionCounts(_options.MaxConnectionsPerAddress);
        }

        long? softLimit = DescriptorLimit.Prepare(_options.RaiseDescriptorLimit, _logger);
        int maxConnections = _options.MaxConcurrentConnections;
        if (maxConnections == 0 && softLimit is { } soft)
        {
            (maxConnections, long headroom) = DescriptorLimit.ConnectionLimitFor(soft);
            Log.ConnectionLimitDerived(_logger, ServerName, maxConnections, soft, headroom);
        }

        if (softLimit is { } limit)
        {
            _descriptorCeiling = DescriptorLimit.CeilingFor(limit);
        }

        EffectiveMaxConcurrentConnections = maxConnections;
        if (maxConnections > 0)
        {
            _connectionSlots = new SemaphoreSlim(maxConnections, maxConnections);
        }

        _softLimit = softLimit;

        return DualStackListener.ListenTcpAsync(_options.Listen, cancellationToken);
    }

    private void Serve(TcpListenerSet listeners)
    {
        _listeners = listeners;
        Volatile.Write(ref _localEndPoints, listeners.LocalEndPoints);
        TcpServerMetrics metrics = _metrics!;

        // Made once the sockets are bound, so that a start that fails holds no reserve descriptor.
        _acceptBackoff = new AcceptBackoff(ServerName, _logger, metrics, _softLimit, OpenConnections);
        IReadOnlyList<Socket> sockets = listeners.Sockets;
        _outstanding = sockets.Count;

        // One loop per listening socket, as Kestrel's transport has: no socket waits behind another's accept, and no
        // Task.WhenAny over every socket per connection.
        var loops = new Task[sockets.Count];
        for (int i = 0; i < loops.Length; i++)
        {
            Socket socket = sockets[i];
            IPEndPoint localEndPoint = listeners.LocalEndPoints[i];
            int index = i;
            loops[i] = Task.Run(() => AcceptLoopAsync(index, socket, localEndPoint, metrics));
        }

        _acceptLoop = Task.WhenAll(loops);
        _heartbeat = ConnectionHeartbeat.Start(CheckTimeouts, _idleTimeout, _firstByteTimeout);
    }

    private async Task AcceptLoopAsync(int index, Socket listener, IPEndPoint localEndPoint, TcpServerMetrics metrics)
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
                }
                catch (SocketException) when (Volatile.Read(ref _stopBegun))
                {
                    // The stop ended the socket's listening state under this accept.
                    return;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
                {
                    // The peer gave up while queued; nothing to serve, nothing wrong with the listener.
                    Log.AcceptFailedTransiently(_logger, localEndPoint.ToString(), e.SocketErrorCode.ToString());
                    continue;
                }
                catch (SocketException e) when (AcceptBackoff.IsResourceExhaustion(e.SocketErrorCode) && !stopping.IsCancellationRequested)
                {
                    // Out of descriptors or buffers: logged once per episode, not per retry (a stack trace per retry
                    // needs descriptors of its own to read symbols, and floods the log while the condition lasts).
                    metrics.AcceptFailed(e);
                    await _acceptBackoff!.PauseAsync(listener, localEndPoint, e.SocketErrorCode, e.SocketErrorCode.ToString(), shed: true, stopping).ConfigureAwait(false);
                    continue;
                }
                catch (SocketException e) when (!stopping.IsCancellationRequested)
                {
                    metrics.AcceptFailed(e);
                    Log.ServerAcceptFailed(_logger, ServerName, localEndPoint.ToDisplayString(), e);

                    // An error the OS may keep reporting: retrying at once would spin while the condition lasts.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), stopping).ConfigureAwait(false);
                    continue;
                }

                if (Volatile.Read(ref _stopBegun) && IsWakeUp(index, socket))
                {
                    // The stop's own connection: every client queued before it has been accepted, and none is pending.
                    socket.Dispose();
                    return;
                }

                if (IsInRuntimeReserve(socket, out long descriptor))
                {
                    // The OS would hand out the last descriptors to connections and the runtime would abort on the
                    // next thread or pipe it needs: this one is closed unserved, and accepting pauses as for EMFILE.
                    IPAddress? queued = (socket.RemoteEndPoint as IPEndPoint)?.Address;
                    socket.Dispose();
                    if (queued is not null)
                    {
                        metrics.ConnectionRejected(queued, ServerMetricNames.DescriptorsExhaustedErrorType);
                    }

                    string reason = $"connection got descriptor {descriptor}, within the last {_acceptBackoff!.SoftLimit - _descriptorCeiling} kept for the runtime";
                    await _acceptBackoff.PauseAsync(listener, localEndPoint, SocketError.TooManyOpenSockets, reason, shed: false, stopping).ConfigureAwait(false);
                    continue;
                }

                _acceptBackoff!.Accepted(localEndPoint);
                if (_connectionSlots is { } slots && !await TakeSlotAsync(slots, socket, metrics, stopping).ConfigureAwait(false))
                {
                    return;
                }

                Interlocked.Increment(ref _outstanding);
                _ = ServeConnectionAsync(socket, metrics, stopping);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The server is stopping: only the stop closes the listening sockets and fires the token.
        }
        finally
        {
            ReleaseOutstanding();
        }
    }

    /// <summary>
    /// Waits for a free handler slot for a connection just accepted. Each loop accepts before it waits, so that a
    /// client on one socket is never held up by a loop idling on another; at the limit, at most one connection per
    /// listening socket is accepted and held, unread, the others wait in the OS accept queue.
    /// </summary>
    /// <returns><see langword="false"/> when the stop came first: the connection is closed unserved.</returns>
    private async ValueTask<bool> TakeSlotAsync(SemaphoreSlim slots, Socket socket, TcpServerMetrics metrics, CancellationToken stopping)
    {
        try
        {
            await slots.WaitAsync(stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            IPAddress? peer = (socket.RemoteEndPoint as IPEndPoint)?.Address.Normalize();
            socket.Dispose();
            if (peer is not null)
            {
                metrics.ConnectionRejected(peer);
            }

            return false;
        }
    }

    private async Task ServeConnectionAsync(Socket socket, TcpServerMetrics metrics, CancellationToken stopping)
    {
        // Leave the accept loop at once: the handler runs on a thread-pool thread of its own.
        await Task.Yield();
        TcpConnection connection;
        try
        {
            socket.NoDelay = true;
            connection = new TcpConnection(socket);
            if (_keepAlive is { } keepAlive)
            {
                SetKeepAlive(connection, keepAlive);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer reset the connection between accept and here; there is nobody to serve.
            socket.Dispose();
            metrics.AcceptFailed(e);
            ConnectionEnded();
            return;
        }

        IPAddress peer = connection.RemoteEndPoint.Address;
        IPAddress? countedAddress = null;
        if (_addressCounts is { } addressCounts && !_countAddressesAfterSteps)
        {
            if (!addressCounts.TryAdd(peer))
            {
                Log.ConnectionPerAddressRefused(_logger, ServerName, connection.Id, connection.RemoteEndPoint, peer, addressCounts.Limit);
                connection.Dispose();
                metrics.ConnectionRejected(peer, ServerMetricNames.MaxConnectionsPerAddressErrorType);
                ConnectionEnded();
                return;
            }

            countedAddress = peer;
        }

        if (BeforeConnectionRegistered is { } beforeRegistered)
        {
            await beforeRegistered(stopping).ConfigureAwait(false);
        }

        // Registered before the stop is checked: a stop that begins after the check finds the connection and closes
        // it itself, so none is counted accepted behind the stop's back and closed after the stop returned.
        var served = new ServedConnection(connection);
        _connections[connection.Id] = served;

        // Registered first, so that a stop that times out closes a connection stuck in a step as well.
        if (_steps.Length != 0 && await RunStepsAsync(connection, stopping).ConfigureAwait(false) is { } refusal)
        {
            _connections.TryRemove(connection.Id, out _);
            connection.Dispose();
            metrics.ConnectionRejected(connection.RemoteEndPoint.Address, served.TimedOutReason ?? refusal);
            ForgetCountedAddress(countedAddress);
            ConnectionEnded();
            return;
        }

        // A PROXY step may have made the connection the client's: metrics count the client, not the proxy.
        peer = connection.RemoteEndPoint.Address;
        if (_addressCounts is { } clientCounts && _countAddressesAfterSteps)
        {
            if (!clientCounts.TryAdd(peer))
            {
                Log.ConnectionPerAddressRefused(_logger, ServerName, connection.Id, connection.RemoteEndPoint, peer, clientCounts.Limit);
                _connections.TryRemove(connection.Id, out _);
                connection.Dispose();
                metrics.ConnectionRejected(peer, ServerMetricNames.MaxConnectionsPerAddressErrorType);
                ConnectionEnded();
                return;
            }

            countedAddress = peer;
        }

        // A connection the OS accepted before the stop is served, with the stop's token already cancelled, as Go's
        // and Kestrel's servers do: its client may have sent its request already, and closing it unread would reset
        // it. Only once the stop has given up waiting (StopTimeout) is a late one closed unserved.
        OpenConnectionMetrics? accepted = null;
        lock (served)
        {
            if (!Volatile.Read(ref _forceClosing))
            {
                accepted = metrics.ConnectionAccepted(peer);
                served.Metrics = accepted;
            }
        }

        if (accepted is not { } open)
        {
            // The stop timed out and closed the others before this one got here.
            _connections.TryRemove(connection.Id, out _);
            connection.Dispose();
            metrics.ConnectionRejected(peer);
            ForgetCountedAddress(countedAddress);
            ConnectionEnded();
            return;
        }

        Log.ConnectionOpened(_logger, ServerName, connection.Id, connection.RemoteEndPoint, connection.LocalEndPoint);
        string? errorType = null;
        try
        {
            if (Volatile.Read(ref _forceClosing))
            {
                // The stop timed out between this connection's registration and here, and closed it with the others.
                ForceClose(connection.Id);
            }
            else
            {
                await _handler(connection, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The handler honoured the stop.
        }
        catch (Exception e)
        {
            errorType = ServerInstruments.ErrorType(e);
            if (served.TimedOutReason is { } timedOut)
            {
                // The heartbeat closed the connection under the handler; its read or write failed because of that.
                Log.ConnectionHandlerFailedAfterTimeout(_logger, ServerName, connection.Id, connection.RemoteEndPoint, timedOut, e);
            }
            else if (_connections.ContainsKey(connection.Id))
            {
                Log.ConnectionHandlerFailed(_logger, ServerName, connection.Id, connection.RemoteEndPoint, e);
            }
            else
            {
                Log.ConnectionHandlerFailedAfterClose(_logger, ServerName, connection.Id, connection.RemoteEndPoint, e);
            }
        }
        finally
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.IO.IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Flushing what the pipe still held failed because the peer is gone; the socket is closed regardless,
                // but the peer did not get everything.
                errorType ??= ServerInstruments.ErrorType(e);
            }

            // The address's slot is free once the socket is closed, before the close is recorded: whoever sees the
            // close (a metric listener, a test) can connect again from that address.
            ForgetCountedAddress(countedAddress);

            // Whoever removes the connection records its close: here, or the stop when it closed the connection first.
            if (_connections.TryRemove(connection.Id, out _))
            {
                metrics.ConnectionClosed(peer, open, served.TimedOutReason ?? errorType);
            }

            Log.ConnectionClosed(_logger, ServerName, connection.Id, connection.RemoteEndPoint);
            ConnectionEnded();
        }
    }

    private void ForgetCountedAddress(IPAddress? countedAddress)
    {
        if (countedAddress is not null)
        {
            _addressCounts!.Remove(countedAddress);
        }
    }

    /// <summary>Runs the connection pipeline; returns the refusal reason, or <see langword="null"/> when every step let the connection on.</summary>
    private async ValueTask<string?> RunStepsAsync(TcpConnection connection, CancellationToken stopping)
    {
        foreach (ITcpConnectionStep step in _steps)
        {
            StepVerdict verdict;
            try
            {
                verdict = await step.ProcessAsync(connection, stopping).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                string reason = ServerInstruments.ErrorType(e);
                Log.ConnectionRefused(_logger, ServerName, connection.Id, connection.RemoteEndPoint, step.GetType().Name, reason, e);
                return reason;
            }

            if (verdict.RefusalReason is { } refused)
            {
                Log.ConnectionRefused(_logger, ServerName, connection.Id, connection.RemoteEndPoint, step.GetType().Name, refused, null);
                return refused;
            }
        }

        return null;
    }

    /// <summary>Closes a connection whose handler is still running, if it is still open, and records why.</summary>
    /// <returns><see langword="true"/> if this call closed it.</returns>
    private bool ForceClose(long connectionId)
    {
        if (!_connections.TryRemove(connectionId, out ServedConnection? served))
        {
            return false;
        }

        served.Connection.Abort();
        lock (served)
        {
            // Still registering: the connection sees the stop under this lock and records itself rejected.
            if (served.Metrics is not { } open)
            {
                return false;
            }

            _metrics!.ConnectionClosed(served.Connection.RemoteEndPoint.Address, open, ServerMetricNames.StopTimeoutErrorType);
        }

        return true;
    }

    private void ConnectionEnded()
    {
        _connectionSlots?.Release();
        _acceptBackoff?.ConnectionClosed();
        ReleaseOutstanding();
    }

    // Every connection from its accept to its close, those still in a connection step included; the accept loops'
    // own counts are left out.
    private int OpenConnections() => Math.Max(0, Volatile.Read(ref _outstanding) - (_listeners?.Sockets.Count ?? 0));

    private bool IsInRuntimeReserve(Socket socket, out long descriptor)
    {
        if (_descriptorCeiling == long.MaxValue)
        {
            descriptor = -1;
            return false;
        }

        descriptor = socket.SafeHandle.DangerousGetHandle().ToInt64();
        return descriptor >= _descriptorCeiling;
    }

    /// <summary>The heartbeat's tick: closes the connections idle for longer than their timeout.</summary>
    private void CheckTimeouts()
    {
        long now = Environment.TickCount64;
        long idle = _idleTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)_idleTimeout.TotalMilliseconds;
        long firstByte = _firstByteTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)_firstByteTimeout.TotalMilliseconds;
        foreach (ServedConnection served in _connections.Values)
        {
            TcpConnection connection = served.Connection;
            if (served.TimedOutReason is not null)
            {
                // Shut down a tick ago and its handler has still not returned (it does no I/O): close it outright.
                connection.Abort();
            }
            else if (!connection.HasReceived && now - connection.AcceptedAt >= firstByte)
            {
                if (served.TryTimeOut(ServerMetricNames.FirstByteTimeoutErrorType))
                {
                    Log.ConnectionFirstByteTimedOut(_logger, ServerName, connection.Id, connection.RemoteEndPoint, _firstByteTimeout);
                    connection.ShutDown();
                }
            }
            else if (now - connection.LastActivity >= idle && served.TryTimeOut(ServerMetricNames.IdleTimeoutErrorType))
            {
                Log.ConnectionIdleClosed(_logger, ServerName, connection.Id, connection.RemoteEndPoint, _idleTimeout);
                connection.ShutDown();
            }
        }
    }

    private void SetKeepAlive(TcpConnection connection, KeepAliveSettings keepAlive)
    {
        try
        {
            Socket socket = connection.Socket;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            if (keepAlive.Time is { } time)
            {
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)time.TotalSeconds);
            }

            if (keepAlive.Interval is { } interval)
            {
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)interval.TotalSeconds);
            }

            if (keepAlive.RetryCount is { } count)
            {
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, count);
            }
        }
        catch (Exception e) when (e is SocketException or PlatformNotSupportedException)
        {
            Log.KeepAliveNotSet(_logger, ServerName, connection.Id, connection.RemoteEndPoint, e.Message);
        }
    }

    private void ReleaseOutstanding()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private async Task StopServingAsync(CancellationToken gracefulWaitAborted)
    {
        // The accept loops see a stop rather than a failing listener: the flag before the listening state ends, the
        // token before the sockets close.
        Volatile.Write(ref _stopBegun, true);
        if (!_listeners!.StopListening())
        {
            await WakeAcceptLoopsAsync().ConfigureAwait(false);
        }

        _stopping.Cancel();
        _listeners.Dispose();
        Volatile.Write(ref _localEndPoints, []);
        await _acceptLoop.ConfigureAwait(false);
        _acceptBackoff?.Dispose();

        if (!await ServerLifecycle.WaitGracefullyAsync(_drained.Task, _stopTimeout, gracefulWaitAborted).ConfigureAwait(false))
        {
            Volatile.Write(ref _forceClosing, true);
            int forceClosed = 0;
            foreach (long id in _connections.Keys.ToArray())
            {
                if (ForceClose(id))
                {
                    forceClosed++;
                }
            }

            if (forceClosed > 0)
            {
                Log.ConnectionsForceClosed(_logger, ServerName, forceClosed, _stopTimeout);
            }
        }

        _heartbeat?.Dispose();
        Log.TcpServerStopped(_logger, ServerName);
    }

    /// <summary>
    /// Ends the accept loops of sockets that stay listening after the stop (adopted from a service manager, which hands
    /// them to the next process; or where the OS cannot end a listening state) without cancelling an accept: each loop
    /// is sent a connection of the stop's own, accepts every client queued before it (they are served, with the stop's
    /// token), recognises it and returns. A cancelled accept could lose a connection the kernel handed over at that
    /// instant, closed unread. Loops that do not get theirs within a second (paused, or the loopback unreachable) are
    /// cancelled as before.
    /// </summary>
    private async Task WakeAcceptLoopsAsync()
    {
        IReadOnlyList<Socket> sockets = _listeners!.Sockets;
        var wakeUps = new IPEndPoint?[sockets.Count];
        var clients = new List<Socket>(sockets.Count);
        try
        {
            var targets = new IPEndPoint?[sockets.Count];
            for (int i = 0; i < sockets.Count; i++)
            {
                IPEndPoint listening = _listeners.LocalEndPoints[i];
                IPAddress target = listening.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
                    : listening.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                    : listening.Address;
                var client = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                clients.Add(client);
                try
                {
                    // Bound before any connects, so that every loop knows its connection by address before an accept returns it.
                    client.Bind(new IPEndPoint(target, 0));
                    wakeUps[i] = ((IPEndPoint)client.LocalEndPoint!).Normalize();
                    targets[i] = new IPEndPoint(target, listening.Port);
                }
                catch (SocketException e)
                {
                    Log.AcceptWakeUpFailed(_logger, ServerName, listening.ToDisplayString(), e.SocketErrorCode.ToString());
                }
            }

            Volatile.Write(ref _wakeUps, wakeUps);
            var connects = new List<Task>(sockets.Count);
            for (int i = 0; i < sockets.Count; i++)
            {
                if (targets[i] is { } target)
                {
                    connects.Add(ConnectWakeUpAsync(clients[i], target, _listeners.LocalEndPoints[i]));
                }
            }

            await Task.WhenAll(connects).ConfigureAwait(false);
            await Task.WhenAny(_acceptLoop, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
        finally
        {
            foreach (Socket client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task ConnectWakeUpAsync(Socket client, IPEndPoint target, IPEndPoint listening)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(target, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Log.AcceptWakeUpFailed(_logger, ServerName, listening.ToDisplayString(), e is SocketException socketError ? socketError.SocketErrorCode.ToString() : "no answer within a second");
        }
    }

    private bool IsWakeUp(int index, Socket accepted) =>
        Volatile.Read(ref _wakeUps) is { } wakeUps && wakeUps[index] is { } wakeUp
        && accepted.RemoteEndPoint is IPEndPoint remote && remote.Normalize().Equals(wakeUp);

    /// <summary>
    /// A connection between its accept and its close. Locked while the connection decides between accepted and
    /// rejected, so that a forced close at the stop timeout records it from what was decided, never half-way.
    /// </summary>
    private sealed class ServedConnection(TcpConnection connection)
    {
        public TcpConnection Connection { get; } = connection;

        /// <summary>What its close is recorded from; <see langword="null"/> until it is counted accepted.</summary>
        public OpenConnectionMetrics? Metrics { get; set; }

        /// <summary>Why the heartbeat closed it (an <c>error.type</c>), or <see langword="null"/>.</summary>
        public string? TimedOutReason => Volatile.Read(ref _timedOutReason);

        private string? _timedOutReason;

        /// <summary>Records why the heartbeat closes the connection; <see langword="false"/> if it did already.</summary>
        public bool TryTimeOut(string reason) => Interlocked.CompareExchange(ref _timedOutReason, reason, null) is null;
    }

    /// <summary>The keepalive options as read at the start.</summary>
    private sealed record KeepAliveSettings(TimeSpan? Time, TimeSpan? Interval, int? RetryCount);
}
