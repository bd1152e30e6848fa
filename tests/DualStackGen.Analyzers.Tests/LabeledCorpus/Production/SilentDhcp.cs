using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.Dhcp;

/// <summary>A DHCPv4 client port: IPv4 by definition.</summary>
public static class DhcpClient
{
    private const int ClientPort = 68;

    public static UdpClient Open() => new UdpClient(new IPEndPoint(IPAddress.Any, ClientPort));
}

/// <summary>A DHCPv4 server socket with the broadcast option.</summary>
public static class DhcpServer
{
    public static Socket Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
        socket.Bind(new IPEndPoint(IPAddress.Any, 67));
        return socket;
    }
}
