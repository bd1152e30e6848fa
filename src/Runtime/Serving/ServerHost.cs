using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// A server that can be started, stopped and started again: each start runs a fresh single-use runner with the
/// <see cref="Options"/> of that moment. <see cref="TcpServerHost"/> and <see cref="UdpServerHost"/> are the two
/// kinds; a <c>[TcpServer]</c> or <c>[UdpServer]</c> class forwards its members to one.
/// </summary>
/// <remarks>
/// <para>
/// A start while the server runs throws <see cref="InvalidOperationException"/>; a start while a stop is still in
/// progress waits for that stop, so the new sockets never collide with the old ones on the port. Every
/// <see cref="StopAsync(CancellationToken)"/> call waits for the stop in progress, and returns at once when the
/// server is stopped.
/// </para>
/// <para>
/// The handler is given to each start rather than to the constructor, so that a class can create its host in a
/// field initializer, where its own instance methods are not yet available.
/// </para>
/// </remarks>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <typeparam name="THandler">The handler delegate.</typeparam>
public abstract class ServerHost<TOptions, THandler> : IAsyncDisposable, IDisposable
    where TOptions : ServerOptions
    where THandler : Delegate
{
    private readonly RestartableServer<IServerRun> _server;

    private protected ServerHost(string serverName, TOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        ArgumentNullException.ThrowIfNull(options);
        ServerName = serverName;
        Options = options;
        options.Listen.ServerName = serverName;
        _server = new RestartableServer<IServerRun>(serverName);
    }

    /// <summary>Gets the server's name, as used in log messages and metrics.</summary>
    public string ServerName { get; }

    /// <summary>Gets the options the next start uses.</summary>
    public TOptions Options { get; }

    /// <summary>Gets a value indicating whether the server is listening.</summary>
    public bool IsRunning => _server.IsRunning;

    /// <summary>Gets the endpoints listened on, normalized, with the port the OS picked when 0 was asked for; empty when stopped.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => _server.LocalEndPoints;

    /// <summary>The restart logic, for tests that hold a start at the moment it waits for a stop.</summary>
    internal RestartableServer<IServerRun> Engine => _server;

    /// <summary>Binds with <see cref="Options"/> and starts serving; returns once listening.</summary>
    /// <param name="handler">Serves each connection or datagram of this run.</param>
    /// <param name="cancellationToken">Cancels the start, including a host name lookup.</param>
    /// <returns>A task that completes when the server is listening.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The server is already started.</exception>
    /// <exception cref="FormatException">The host is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The host and mode contradict each other.</exception>
    /// <exception cref="ListenException">Nothing could be bound, a bind failed, or the host name could not be resolved.</exception>
    /// <exception cref="OperationCanceledException">The start was cancelled, or the server was stopped while starting.</exception>
    public Task StartAsync(THandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _server.StartAsync(() => CreateRun(handler), cancellationToken);
    }

    /// <summary>
    /// Starts, serves until SIGINT, SIGTERM or SIGQUIT arrives (Ctrl+C, a service manager's or container runtime's stop,
    /// Ctrl+Break on Windows) or <paramref name="cancellationToken"/> is cancelled, then stops gracefully, as
    /// <see cref="StopAsync(CancellationToken)"/> does, and returns: a program's <c>Main</c> returns 0 after it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The first signal is handled for every <c>RunAsync</c> in progress in the process, which all stop; a second
    /// signal during the stop is left to its default action (the process ends at once). While no <c>RunAsync</c> runs,
    /// the signals keep their default behaviour. A server hosted by the generic host does not use this method: the
    /// host's own lifetime handles the signals and stops its services.
    /// </para>
    /// <para>
    /// Under a service manager (<c>NOTIFY_SOCKET</c> set), <c>READY=1</c> is sent once every server whose
    /// <c>RunAsync</c> is in progress listens, and <c>STOPPING=1</c> when the first of them stops. Call the
    /// <c>RunAsync</c> of every server of the process before awaiting any (<c>Task.WhenAll(a.RunAsync(),
    /// b.RunAsync())</c>), so that readiness waits for all of them. With <c>LISTEN_FDS</c> set (socket activation), the
    /// start adopts the inherited sockets instead of binding; see <see cref="DualStackListener"/>.
    /// </para>
    /// </remarks>
    /// <param name="handler">Serves each connection or datagram.</param>
    /// <param name="cancellationToken">Stops the server, as a signal does; a start it cancels returns without error.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The server is already started.</exception>
    /// <exception cref="FormatException">The host is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The host and mode contradict each other.</exception>
    /// <exception cref="ListenException">Nothing could be bound, a bind failed, or no inherited socket matches.</exception>
    public async Task RunAsync(THandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using ShutdownSignals.Subscription signals = ShutdownSignals.Subscribe();
        using var stopRequested = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
        using ServiceReadiness.Run readiness = ServiceReadiness.Begin(ServerName, Options.Logger);
        try
        {
            // A start can complete synchronously; yielding first lets the caller's next RunAsync (in the same
            // Task.WhenAll) count itself before this server could report the process ready alone.
            await Task.Yield();
            await StartAsync(handler, stopRequested.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopRequested.IsCancellationRequested)
        {
            LogStopRequest(signals);
            return;
        }

        readiness.Listening();
        await Task.Delay(Timeout.Infinite, stopRequested.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        LogStopRequest(signals);
        readiness.Stopping();
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void LogStopRequest(ShutdownSignals.Subscription signals)
    {
        if (Options.Logger is not { } logger)
        {
            return;
        }

        if (signals.Received is { } signal)
        {
            Log.StopSignalReceived(logger, ServerName, signal.ToString(), Options.StopTimeout);
        }
        else
        {
            Log.StopRequested(logger, ServerName, Options.StopTimeout);
        }
    }

    /// <summary>
    /// Stops serving, cancels the handlers' token, waits for them up to <see cref="ServerOptions.StopTimeout"/>, then
    /// closes what is left. Every call waits for the stop in progress; when the server is stopped, it returns at once.
    /// </summary>
    /// <param name="cancellationToken">Cancelling it ends the wait for handlers early: what is still open is closed at once.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(cancellationToken);

    /// <summary>Stops the server, as <see cref="StopAsync(CancellationToken)"/>.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return new(_server.StopAsync(CancellationToken.None));
    }

    /// <summary>
    /// Stops the server without waiting for the handlers, as Kestrel's server does when disposed synchronously: it stops
    /// serving, cancels the handlers' token and closes what is open at once (<see cref="StopAsync(CancellationToken)"/>
    /// with an already cancelled token), blocking until that is done. Prefer <see cref="DisposeAsync"/>.
    /// </summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _server.StopNow();
    }

    private protected abstract IServerRun CreateRun(THandler handler);
}
