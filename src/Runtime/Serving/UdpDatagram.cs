using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// One received UDP datagram, as a <see cref="UdpServerRunner"/> hands it to its handler: the sender's endpoint and
/// the local address it arrived on, both normalized, and a way to reply from the same socket.
/// </summary>
public sealed class UdpDatagram
{
    private readonly Socket _socket;
    private readonly IPEndPoint _rawRemoteEndPoint;

    internal UdpDatagram(Socket socket, ReadOnlyMemory<byte> payload, IPEndPoint rawRemoteEndPoint, IPAddress localAddress)
    {
        _socket = socket;
        _rawRemoteEndPoint = rawRemoteEndPoint;
        Payload = payload;
        RemoteEndPoint = rawRemoteEndPoint.Normalize();
        LocalAddress = localAddress.Normalize();
    }

    /// <summary>
    /// Gets the datagram's bytes. They live in a buffer the runner reuses: valid only until the handler's task
    /// completes; copy them to keep them longer.
    /// </summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Gets the sender's endpoint, normalized (<c>::ffff:a.b.c.d</c> becomes <c>a.b.c.d</c>).</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>
    /// Gets the local address the datagram was sent to, normalized: the specific address even when the socket is
    /// bound to a wildcard (from <c>IP_PKTINFO</c> / <c>IPV6_PKTINFO</c>).
    /// </summary>
    public IPAddress LocalAddress { get; }

    /// <summary>
    /// Sends <paramref name="payload"/> to the sender, through the socket the datagram arrived on (so the reply
    /// leaves from the server's port, in the family the sender used).
    /// </summary>
    /// <param name="payload">The reply.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the reply is handed to the OS.</returns>
    /// <exception cref="SocketException">The OS refused the send.</exception>
    /// <exception cref="ObjectDisposedException">The server has closed its sockets.</exception>
    public async ValueTask ReplyAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
        => await _socket.SendToAsync(payload, SocketFlags.None, _rawRemoteEndPoint, cancellationToken).ConfigureAwait(false);

    /// <summary>Returns the datagram's endpoints and length, for logs.</summary>
    /// <returns>For example <c>127.0.0.1:51514 -&gt; 127.0.0.1 (5 bytes)</c>.</returns>
    public override string ToString() => $"{RemoteEndPoint} -> {LocalAddress} ({Payload.Length} bytes)";
}
