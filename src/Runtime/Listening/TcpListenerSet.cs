using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The listening TCP sockets of one server, all on one port, accepted from as one. Created by
/// <see cref="DualStackListener.ListenTcpAsync(ListenOptions, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <see cref="AcceptAsync"/> is meant for one accept loop: calls must not overlap. With several sockets, one accept
/// is kept outstanding on each and the first to complete is returned, the sockets taken in turn so that neither
/// family starves the other; a server with its own loops can instead accept from each of <see cref="Sockets"/>, as
/// <see cref="TcpServerRunner"/> does with one loop per socket. Disposing closes every listening socket and any
/// connection accepted but not yet returned.
/// </remarks>
public sealed class TcpListenerSet : IAsyncDisposable, IDisposable
{
    private readonly Socket[] _sockets;
    private readonly IPEndPoint[] _localEndPoints;
    private readonly Task<Socket>?[] _pendingAccepts;
    private readonly CancellationTokenSource _disposed = new();

    // Guards _pendingAccepts against Dispose, so that every accepted socket has exactly one owner: the caller it is
    // returned to, or Dispose.
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly bool _adopted;
    private int _nextSocket;
    private int _accepting;

    internal TcpListenerSet(IReadOnlyList<Socket> sockets, ILogger logger, bool adopted = false)
    {
        _adopted = adopted;
        _sockets = [.. sockets];
        _localEndPoints = EndPointNormalization.LocalEndPointsOf(_sockets);
        _pendingAccepts = new Task<Socket>?[_sockets.Length];
        _logger = logger;
    }

    /// <summary>Gets the listening sockets, in the order they were bound.</summary>
    public IReadOnlyList<Socket> Sockets => _sockets;

    /// <summary>Gets the bound endpoints, normalized, with the port the OS picked when 0 was asked for.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => _localEndPoints;

    /// <summary>Gets the port every socket listens on.</summary>
    public int Port => _localEndPoints[0].Port;

    /// <summary>Waits for the next connection on any of the sockets.</summary>
    /// <param name="cancellationToken">Stops the wait; a connection that arrives later is kept for the next call.</param>
    /// <returns>The accepted connection's socket; the caller owns it.</returns>
    /// <exception cref="ObjectDisposedException">The set was disposed, before or during the wait.</exception>
    /// <exception cref="InvalidOperationException">Another <see cref="AcceptAsync"/> call is in progress.</exception>
    public async ValueTask<Socket> AcceptAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (Interlocked.Exchange(ref _accepting, 1) != 0)
        {
            throw new InvalidOperationException("AcceptAsync is already in progress on this listener set; accept from one loop.");
        }

        try
        {
            while (true)
            {
                int index = 0;
                try
                {
                    if (_sockets.Length == 1)
                    {
                        return await _sockets[0].AcceptAsync(cancellationToken).ConfigureAwait(false);
                    }

                    index = await NextCompletedAcceptAsync(cancellationToken).ConfigureAwait(false);
                    Task<Socket> accept;
                    lock (_gate)
                    {
                        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
                        accept = _pendingAccepts[index]!;
                        _pendingAccepts[index] = null;
                    }

                    return await accept.ConfigureAwait(false);
                }
                catch (Exception e) when (_disposed.IsCancellationRequested && e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    throw new ObjectDisposedException(nameof(TcpListenerSet), $"The listener set was disposed while accepting ({e.GetType().Name}: {e.Message})");
                }
                catch (SocketException e) when (IsTransient(e.SocketErrorCode))
                {
                    Log.AcceptFailedTransiently(_logger, _localEndPoints[index].ToString(), e.SocketErrorCode.ToString());
                }
            }
        }
        finally
        {
            Volatile.Write(ref _accepting, 0);
        }
    }

    /// <summary>
    /// Ends the listening state of sockets this process bound (Linux only), before a stop closes them: the kernel stops
    /// queueing connections for this process at once, hands those it had queued to another SO_REUSEPORT listener of the
    /// port (with <c>net.ipv4.tcp_migrate_req=1</c>), and an accept in progress ends with an error of its own.
    /// </summary>
    /// <remarks>
    /// A stop that only cancelled its accept and closed the socket lost, now and then, a connection the kernel handed
    /// over at that instant: it was closed with its request unread (the client sees a reset; TCPAbortOnClose counts
    /// it). Sockets adopted from a service manager are left listening: they are shared with it, and the next process
    /// takes over their queue.
    /// </remarks>
    /// <returns><see langword="true"/> if the sockets stopped listening; <see langword="false"/> if they were left as they are.</returns>
    internal bool StopListening()
    {
        if (_adopted || !OperatingSystem.IsLinux() || _disposed.IsCancellationRequested)
        {
            return false;
        }

        foreach (Socket socket in _sockets)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Closing it, next, ends the listening state all the same.
            }
        }

        return true;
    }

    /// <summary>Closes every listening socket and any connection accepted but not yet returned.</summary>
    public void Dispose()
    {
        Task<Socket>?[] pendingAccepts;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            pendingAccepts = [.. _pendingAccepts];
            Array.Clear(_pendingAccepts);
        }

        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }

        foreach (Task<Socket>? pending in pendingAccepts)
        {
            _ = pending?.ContinueWith(
                static accept => accept.Result.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A completed task: closing sockets does not wait.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<int> NextCompletedAcceptAsync(CancellationToken cancellationToken)
    {
        // Outstanding accepts outlive a cancelled call, so they listen to disposal only; a connection they take
        // while nobody waits is handed out by the next call.
        Task<Socket>[] pendingAccepts;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            for (int i = 0; i < _sockets.Length; i++)
            {
                _pendingAccepts[i] ??= _sockets[i].AcceptAsync(_disposed.Token).AsTask();
            }

            pendingAccepts = [.. _pendingAccepts!];
        }

        // Connections already waiting are handed out starting after the socket served last, so a busy family
        // cannot starve the other.
        for (int offset = 0; offset < _sockets.Length; offset++)
        {
            int index = (_nextSocket + offset) % _sockets.Length;
            if (pendingAccepts[index].IsCompleted)
            {
                _nextSocket = index + 1;
                return index;
            }
        }

        Task<Socket> first = await Task.WhenAny(pendingAccepts).WaitAsync(cancellationToken).ConfigureAwait(false);
        int completed = Array.IndexOf(pendingAccepts, first);
        _nextSocket = completed + 1;
        return completed;
    }

    private static bool IsTransient(SocketError error)
        => error is SocketError.ConnectionReset or SocketError.ConnectionAborted;
}
