using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// The bound UDP sockets of one server, all on one port. Created by
/// <see cref="DualStackListener.BindUdpAsync(ListenOptions, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// A dual-stack socket reports IPv4 senders as IPv4-mapped addresses; pass them through
/// <see cref="EndPointNormalization.Normalize(IPEndPoint)"/> before showing or comparing them, and reply through
/// the socket the datagram arrived on.
/// </remarks>
public sealed class UdpListenerSet : IAsyncDisposable, IDisposable
{
    private readonly Socket[] _sockets;
    private readonly IPEndPoint[] _localEndPoints;
    private int _disposed;

    internal UdpListenerSet(IReadOnlyList<Socket> sockets)
    {
        _sockets = [.. sockets];
        _localEndPoints = EndPointNormalization.LocalEndPointsOf(_sockets);
    }

    /// <summary>Gets the bound sockets, in the order they were bound.</summary>
    public IReadOnlyList<Socket> Sockets => _sockets;

    /// <summary>Gets the bound endpoints, normalized, with the port the OS picked when 0 was asked for.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => _localEndPoints;

    /// <summary>Gets the port every socket is bound to.</summary>
    public int Port => _localEndPoints[0].Port;

    /// <summary>Closes every socket.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A completed task: closing sockets does not wait.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
