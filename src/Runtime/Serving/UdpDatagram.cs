using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace DualStackGen;

/// <summary>
/// One received UDP datagram, as a <see cref="UdpServerRunner"/> hands it to its handler: the sender's endpoint and
/// the local address it arrived on, both normalized, and a way to reply from the same socket.
/// </summary>
public sealed class UdpDatagram
{
    private readonly UdpReplySender _replySender;
    private readonly IPEndPoint _rawRemoteEndPoint;
    private readonly IPAddress _rawLocalAddress;
    private readonly int _interfaceIndex;

    internal UdpDatagram(Socket socket, ReadOnlyMemory<byte> payload, IPEndPoint rawRemoteEndPoint, IPAddress localAddress)
        : this(new UdpReplySender(socket, nameof(UdpDatagram), NullLogger.Instance), payload, rawRemoteEndPoint, localAddress, interfaceIndex: 0)
    {
    }

    internal UdpDatagram(UdpReplySender replySender, ReadOnlyMemory<byte> payload, IPEndPoint rawRemoteEndPoint, IPAddress localAddress, int interfaceIndex)
    {
        _replySender = replySender;
        _rawRemoteEndPoint = rawRemoteEndPoint;
        _rawLocalAddress = localAddress;
        _interfaceIndex = interfaceIndex;
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
    /// leaves from the server's port, in the family the sender used) and from <see cref="LocalAddress"/>, the
    /// address the datagram was sent to, so a client that <c>connect()</c>ed its socket accepts it.
    /// </summary>
    /// <remarks>
    /// On Linux a wildcard socket names the source with <c>IP_PKTINFO</c> / <c>IPV6_PKTINFO</c>; a socket bound to one
    /// address replies from it anyway. A datagram sent to a multicast or broadcast address is answered from the
    /// address the OS picks, and so is one whose address the OS refuses as a source (logged at Debug). On other
    /// systems a wildcard socket's reply leaves from the address the OS picks.
    /// </remarks>
    /// <param name="payload">The reply.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the reply is handed to the OS.</returns>
    /// <exception cref="SocketException">The OS refused the send.</exception>
    /// <exception cref="ObjectDisposedException">The server has closed its sockets.</exception>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
        => _replySender.SendAsync(payload, _rawRemoteEndPoint, _rawLocalAddress, _interfaceIndex, cancellationToken);

    /// <summary>Returns the datagram's endpoints and length, for logs.</summary>
    /// <returns>For example <c>127.0.0.1:51514 -&gt; 127.0.0.1 (5 bytes)</c>.</returns>
    public override string ToString() => $"{RemoteEndPoint} -> {LocalAddress} ({Payload.Length} bytes)";
}
