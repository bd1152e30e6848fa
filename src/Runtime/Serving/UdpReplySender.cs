using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Sends the replies of one UDP socket from the address each datagram was sent to. On Linux, a socket bound to a
/// wildcard address replies with <c>sendmsg</c> and an <c>IP_PKTINFO</c> / <c>IPV6_PKTINFO</c> control message naming
/// that address as the source (an IPv4-mapped one on a dual-stack socket, which Linux sends as IPv4); a plain
/// <c>sendto</c> would leave from whichever address the routing table prefers, and a connected client or a NAT would
/// drop the reply. A socket bound to one address, and every socket elsewhere, replies with
/// <see cref="Socket.SendToAsync(ReadOnlyMemory{byte}, SocketFlags, EndPoint, CancellationToken)"/>.
/// </summary>
internal sealed class UdpReplySender
{
    // A UDP send only waits when the socket's send buffer is full of datagrams the interface has not sent yet; the
    // wait is polled, doubling up to this, so a congested link neither spins a core nor holds a thread.
    private const int MaxWriteWaitMilliseconds = 16;

    private readonly Socket _socket;
    private readonly SafeSocketHandle? _handle;
    private readonly string _serverName;
    private readonly ILogger _logger;

    public UdpReplySender(Socket socket, string serverName, ILogger logger)
    {
        _socket = socket;
        _serverName = serverName;
        _logger = logger;
        if (OperatingSystem.IsLinux()
            && socket.LocalEndPoint is IPEndPoint local
            && local.Address.Normalize() is var bound
            && (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)))
        {
            _handle = socket.SafeHandle;
        }
    }

    /// <summary>Gets a value indicating whether replies name their source address (a wildcard socket on Linux).</summary>
    public bool NamesSourceAddress => _handle is not null;

    /// <summary>Sends <paramref name="payload"/> to <paramref name="remote"/> from <paramref name="local"/>.</summary>
    /// <param name="payload">The reply.</param>
    /// <param name="remote">The sender of the datagram, as the socket reported it (IPv4-mapped on a dual-stack socket).</param>
    /// <param name="local">The address the datagram was sent to, as the socket reported it.</param>
    /// <param name="interfaceIndex">The interface it arrived on; used for an IPv6 link-local source only.</param>
    /// <param name="cancellationToken">Cancels a send that waits for room in the send buffer.</param>
    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, IPEndPoint remote, IPAddress local, int interfaceIndex, CancellationToken cancellationToken)
    {
        if (_handle is null || !CanBeSource(local))
        {
            return SendToAsync(payload, remote, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        int error = SendFrom(payload.Span, remote, local, interfaceIndex);
        return error == 0 ? default : SendAfterErrorAsync(error, payload, remote, local, interfaceIndex, cancellationToken);
    }

    // A datagram to a multicast or the limited broadcast address is answered from a unicast address of the host, which
    // the OS picks; such an address cannot be a source.
    private static bool CanBeSource(IPAddress local)
    {
        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }

        if (local.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            local.TryWriteBytes(bytes, out _);
            return bytes[0] is > 0 and < 224 && !local.Equals(IPAddress.Broadcast);
        }

        return !local.IsIPv6Multicast && !local.Equals(IPAddress.IPv6Any);
    }

    private async ValueTask SendToAsync(ReadOnlyMemory<byte> payload, IPEndPoint remote, CancellationToken cancellationToken)
        => await _socket.SendToAsync(payload, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);

    private async ValueTask SendAfterErrorAsync(int error, ReadOnlyMemory<byte> payload, IPEndPoint remote, IPAddress local, int interfaceIndex, CancellationToken cancellationToken)
    {
        int waitMilliseconds = 1;
        while (error == Libc.ErrorWouldBlock)
        {
            await Task.Delay(waitMilliseconds, cancellationToken).ConfigureAwait(false);
            waitMilliseconds = Math.Min(waitMilliseconds * 2, MaxWriteWaitMilliseconds);
            error = SendFrom(payload.Span, remote, local, interfaceIndex);
        }

        if (error == 0)
        {
            return;
        }

        // The address is not (or no longer) one of this host's unicast addresses - a directed broadcast, or one removed
        // since the datagram arrived: the reply still goes out, from the address the OS picks, as before this existed.
        if (error is Libc.ErrorInvalidArgument or Libc.ErrorAddressNotAvailable or Libc.ErrorNetworkUnreachable)
        {
            // Logged before the send, so that whoever sees the reply can already see why it came from elsewhere.
            Log.ReplySourceRefused(_logger, _serverName, remote.Normalize(), local.Normalize(), ErrorText(error));
            await _socket.SendToAsync(payload, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw new SocketException((int)ToSocketError(error));
    }

    /// <summary>One non-blocking <c>sendmsg</c>; returns 0, or the <c>errno</c> it failed with.</summary>
    private unsafe int SendFrom(ReadOnlySpan<byte> payload, IPEndPoint remote, IPAddress local, int interfaceIndex)
    {
        Libc.SocketAddressIPv4 remoteIPv4 = default;
        Libc.SocketAddressIPv6 remoteIPv6 = default;
        Libc.IPPacketInfoMessage sourceIPv4 = default;
        Libc.IPv6PacketInfoMessage sourceIPv6 = default;
        Libc.MessageHeader message = default;
        ushort port = (ushort)IPAddress.HostToNetworkOrder((short)remote.Port);

        if (_socket.AddressFamily == AddressFamily.InterNetwork)
        {
            remoteIPv4.Family = Libc.AddressFamilyIPv4;
            remoteIPv4.Port = port;
            remote.Address.TryWriteBytes(new Span<byte>(remoteIPv4.Address, 4), out _);
            sourceIPv4.Header.Length = (nuint)(sizeof(Libc.ControlMessageHeader) + 12);
            sourceIPv4.Header.Level = Libc.LevelIP;
            sourceIPv4.Header.Type = Libc.IPPacketInfo;
            (local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local).TryWriteBytes(new Span<byte>(sourceIPv4.SourceAddress, 4), out _);
            message.Name = &remoteIPv4;
            message.NameLength = (uint)sizeof(Libc.SocketAddressIPv4);
            message.Control = &sourceIPv4;
            message.ControlLength = (nuint)sizeof(Libc.IPPacketInfoMessage);
        }
        else
        {
            IPAddress remoteAddress = remote.Address.AddressFamily == AddressFamily.InterNetwork ? remote.Address.MapToIPv6() : remote.Address;
            IPAddress source = local.AddressFamily == AddressFamily.InterNetwork ? local.MapToIPv6() : local;
            remoteIPv6.Family = Libc.AddressFamilyIPv6;
            remoteIPv6.Port = port;
            remoteIPv6.ScopeId = (uint)remoteAddress.ScopeId;
            remoteAddress.TryWriteBytes(new Span<byte>(remoteIPv6.Address, 16), out _);
            sourceIPv6.Header.Length = (nuint)(sizeof(Libc.ControlMessageHeader) + 20);
            sourceIPv6.Header.Level = Libc.LevelIPv6;
            sourceIPv6.Header.Type = Libc.IPv6PacketInfo;
            source.TryWriteBytes(new Span<byte>(sourceIPv6.SourceAddress, 16), out _);

            // A link-local source is only meaningful on its link; any other source leaves the interface to routing,
            // as a reply from a bound socket would.
            sourceIPv6.InterfaceIndex = source.IsIPv6LinkLocal ? interfaceIndex : 0;
            message.Name = &remoteIPv6;
            message.NameLength = (uint)sizeof(Libc.SocketAddressIPv6);
            message.Control = &sourceIPv6;
            message.ControlLength = (nuint)sizeof(Libc.IPv6PacketInfoMessage);
        }

        fixed (byte* bytes = payload)
        {
            Libc.IOVector vector = new() { Base = bytes, Length = (nuint)payload.Length };
            message.Vectors = &vector;
            message.VectorCount = 1;
            while (true)
            {
                if (Libc.SendMessage(_handle!, &message, Libc.MessageDontWait | Libc.MessageNoSignal) >= 0)
                {
                    return 0;
                }

                int error = Marshal.GetLastPInvokeError();
                if (error != Libc.ErrorInterrupted)
                {
                    return error;
                }
            }
        }
    }

    private static string ErrorText(int error) => $"{ToSocketError(error)} ({Marshal.GetPInvokeErrorMessage(error)})";

    // The Linux errno values a UDP sendmsg can end with, as the SocketError .NET's own sockets would report.
    private static SocketError ToSocketError(int error) => error switch
    {
        1 or 13 => SocketError.AccessDenied,
        12 or 105 => SocketError.NoBufferSpaceAvailable,
        22 => SocketError.InvalidArgument,
        90 => SocketError.MessageSize,
        99 => SocketError.AddressNotAvailable,
        101 => SocketError.NetworkUnreachable,
        111 => SocketError.ConnectionRefused,
        113 => SocketError.HostUnreachable,
        _ => SocketError.SocketError,
    };
}
