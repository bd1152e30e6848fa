using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.DualStackListeners;

/// <summary>Dual-stack listeners written by hand.</summary>
public static class Listeners
{
    public static TcpListener Tcp(int port) => TcpListener.Create(port);

    public static Socket Raw(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return socket;
    }

    public static UdpClient Udp(int port)
    {
        var client = new UdpClient(AddressFamily.InterNetworkV6);
        client.Client.DualMode = true;
        client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return client;
    }
}
