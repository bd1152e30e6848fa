using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace HeldOut.Listening.Game;

/// <summary>A game networking library's UDP layer: an IPv4 socket, and an IPv6 one when enabled and supported.</summary>
public sealed class NetSocket
{
    private Socket? _udpSocketV4;
    private Socket? _udpSocketV6;
    private Thread? _receiveThread;

    public bool IPv6Enabled { get; set; } = true;

    public int ReceiveBufferSize { get; set; } = 1024 * 1024;

    public bool Bind(IPAddress addressIPv4, IPAddress addressIPv6, int port)
    {
        _udpSocketV4 = new Socket(addressIPv4.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _udpSocketV4.ReceiveBufferSize = ReceiveBufferSize;
        _udpSocketV4.Bind(new IPEndPoint(addressIPv4, port));
        port = ((IPEndPoint)_udpSocketV4.LocalEndPoint!).Port;

        if (IPv6Enabled && Socket.OSSupportsIPv6)
        {
            _udpSocketV6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            _udpSocketV6.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
            _udpSocketV6.Bind(new IPEndPoint(addressIPv6, port));
        }

        _receiveThread = new Thread(ReceiveLogic) { IsBackground = true, Name = "NetSocket" };
        _receiveThread.Start();
        return true;
    }

    public bool Start(int port) => Bind(IPAddress.Any, IPAddress.IPv6Any, port);

    private void ReceiveLogic()
    {
        var buffer = new byte[1500];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (_udpSocketV4 is { } socket)
        {
            socket.ReceiveFrom(buffer, ref from);
        }
    }
}

/// <summary>A LAN game server built on the library, starting it the way its samples do.</summary>
public sealed class LanGameServer
{
    private readonly NetSocket _socket = new();

    public void Host(int port) => _socket.Start(port);
}
