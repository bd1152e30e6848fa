using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace DualStackGen;

/// <summary>
/// What a <see cref="TcpServerRunner"/>'s accept loops do when the OS has no descriptor or buffer left for the next
/// connection (EMFILE, ENFILE, ENOBUFS, ENOMEM): pause until a connection closes or a backoff passes, log the episode
/// once, count it, and meanwhile close the queued connections it cannot hold, with a descriptor kept in reserve for
/// exactly that (the technique of libuv's <c>uv__emfile_trick</c>).
/// </summary>
/// <remarks>
/// Without the reserve, the pending connection stays in the accept queue, where the next accept fails on it again,
/// and its client waits for a timeout; with it, the client sees its connection closed at once. Failures less than
/// <see cref="QuietMilliseconds"/> apart are one episode, so a server hovering at its limit logs one line, not one
/// per retry.
/// </remarks>
internal sealed class AcceptBackoff : IDisposable
{
    /// <summary>Failures this close together belong to one episode.</summary>
    internal const long QuietMilliseconds = 5000;

    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_shedWait = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly string _serverName;
    private readonly ILogger _logger;
    private readonly TcpServerMetrics _metrics;
    private readonly string _softLimitText;
    private readonly Func<int> _openConnections;

    private SafeFileHandle? _reserve;
    private TaskCompletionSource? _connectionClosed;
    private long _lastFailure = long.MinValue / 2;
    private long _episodeStart;
    private int _failures;
    private int _shed;
    private TimeSpan _delay;
    private volatile bool _resumePending;

    public AcceptBackoff(string serverName, ILogger logger, TcpServerMetrics metrics, long? softLimit, Func<int> openConnections)
    {
        _serverName = serverName;
        _logger = logger;
        _metrics = metrics;
        SoftLimit = softLimit ?? long.MaxValue;
        _softLimitText = softLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        _openConnections = openConnections;
        _reserve = OpenReserve();
    }

    /// <summary>Gets the soft descriptor limit the runner started with; <see cref="long.MaxValue"/> where there is none.</summary>
    public long SoftLimit { get; }

    /// <summary>Gets how many episodes began; for tests.</summary>
    internal int Episodes { get; private set; }

    /// <summary>Whether an accept failed for want of a descriptor or a buffer, rather than for the one connection.</summary>
    public static bool IsResourceExhaustion(SocketError error) =>
        error is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable;

    /// <summary>
    /// Pauses the accept loop of <paramref name="listener"/> after <paramref name="error"/>: the OS's, or the
    /// runner's own when a connection arrived on one of the descriptors kept for the runtime (then already closed,
    /// and nothing is to be shed here).
    /// </summary>
    public async Task PauseAsync(Socket listener, IPEndPoint localEndPoint, SocketError error, string reason, bool shed, CancellationToken stopping)
    {
        TimeSpan delay;
        Task connectionClosed;
        lock (_gate)
        {
            long now = Environment.TickCount64;
            if (now - _lastFailure > QuietMilliseconds)
            {
                Episodes++;
                _episodeStart = now;
                _failures = 0;
                _shed = 0;
                _delay = s_firstDelay;
                _metrics.AcceptPaused(error);
                Log.AcceptPaused(_logger, _serverName, localEndPoint.ToDisplayString(), reason, _softLimitText, _openConnections());
            }
            else
            {
                _delay = _delay * 2 > s_longestDelay ? s_longestDelay : _delay * 2;
            }

            _lastFailure = now;
            _failures++;
            _resumePending = true;
            delay = _delay;
            connectionClosed = (_connectionClosed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (shed)
        {
            await ShedOneAsync(listener, stopping).ConfigureAwait(false);
        }
        else
        {
            lock (_gate)
            {
                _shed++;
            }
        }

        await Task.WhenAny(connectionClosed, Task.Delay(delay, stopping)).ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
    }

    /// <summary>Called for each connection accepted: ends a pause, once. One volatile read when no pause is pending.</summary>
    public void Accepted(IPEndPoint localEndPoint)
    {
        if (!_resumePending)
        {
            return;
        }

        lock (_gate)
        {
            if (!_resumePending)
            {
                return;
            }

            _resumePending = false;
            _delay = s_firstDelay;
            Log.AcceptResumed(_logger, _serverName, localEndPoint.ToDisplayString(), Environment.TickCount64 - _episodeStart, _failures, _shed);
        }
    }

    /// <summary>Called for each connection closed: wakes a paused accept loop. One read when none is paused.</summary>
    public void ConnectionClosed()
    {
        if (Volatile.Read(ref _connectionClosed) is null)
        {
            return;
        }

        Interlocked.Exchange(ref _connectionClosed, null)?.TrySetResult();
    }

    public void Dispose() => Interlocked.Exchange(ref _reserve, null)?.Dispose();

    /// <summary>Frees the reserve descriptor, accepts the pending connection on it and closes it, then takes the reserve back.</summary>
    private async Task ShedOneAsync(Socket listener, CancellationToken stopping)
    {
        SafeFileHandle? reserve = Interlocked.Exchange(ref _reserve, null);
        if (reserve is null)
        {
            // Another loop holds it, or it could not be taken back after the last shed; try again for the next one.
            TakeBackReserve();
            return;
        }

        reserve.Dispose();
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wait.CancelAfter(s_shedWait);
            Socket pending = await listener.AcceptAsync(wait.Token).ConfigureAwait(false);
            IPAddress? peer = (pending.RemoteEndPoint as IPEndPoint)?.Address;
            pending.Dispose();
            lock (_gate)
            {
                _shed++;
            }

            if (peer is not null)
            {
                _metrics.ConnectionRejected(peer, ServerMetricNames.DescriptorsExhaustedErrorType);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Nothing was queued after all, the queue's head failed as well, or the server is stopping.
        }
        finally
        {
            TakeBackReserve();
        }
    }

    private void TakeBackReserve()
    {
        if (Volatile.Read(ref _reserve) is not null || OpenReserve() is not { } reserve)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _reserve, reserve, null) is not null)
        {
            reserve.Dispose();
        }
    }

    private static SafeFileHandle? OpenReserve()
    {
        if (!DescriptorLimit.IsSupported)
        {
            return null;
        }

        try
        {
            return File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Out of descriptors right now; the next pause tries again.
            return null;
        }
    }
}
