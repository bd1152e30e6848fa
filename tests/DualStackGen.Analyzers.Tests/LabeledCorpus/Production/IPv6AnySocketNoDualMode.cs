using System.Net;
using System.Net.Sockets;

namespace Labeled.IPv6AnySocket;

/// <summary>An IPv6 socket bound to [::] from a helper endpoint, without DualMode.</summary>
public static class V6Only
{
    private static IPEndPoint Any(int port) => new IPEndPoint(IPAddress.IPv6Any, port); // expect: DSG0009

    public static Socket Open(int port)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(Any(port));
        socket.Listen();
        return socket;
    }

    public static UdpClient Udp(int port) => new UdpClient(port, AddressFamily.InterNetworkV6); // expect: DSG0009
}
