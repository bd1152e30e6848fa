using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Factories;

/// <summary>Static factories with target-typed creation and an optional address.</summary>
public static class Listeners
{
    public static TcpListener OnEveryAddress(int port)
    {
        TcpListener listener = new(IPAddress.Any, port); // expect: DSG0002
        listener.Start();
        return listener;
    }

    public static UdpClient Udp(int port, IPAddress? address = null) => new UdpClient(new IPEndPoint(address ?? IPAddress.Any, port)); // expect: DSG0002

    public static TcpListener Dual(int port) => TcpListener.Create(port);
}

/// <summary>A ping responder: ICMP for IPv4 is its own protocol (ICMPv6 is another), so the socket is IPv4 by nature.</summary>
public sealed class IcmpMonitor
{
    private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);

    public void Start() => _socket.Bind(new IPEndPoint(IPAddress.Any, 0));
}

/// <summary>Callers pick the address; the factory does not.</summary>
public static class ConfiguredListeners
{
    public static TcpListener On(IPEndPoint endPoint)
    {
        var listener = new TcpListener(endPoint);
        listener.Start();
        return listener;
    }

    public static TcpListener Admin() => On(new IPEndPoint(IPAddress.Loopback, 9300)); // expect: DSG0006

    public static TcpListener Public() => On(new IPEndPoint(IPAddress.IPv6Any, 9301)); // expect: DSG0009
}
