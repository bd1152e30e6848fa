using System.Net;
using System.Net.Sockets;

namespace Realistic.Tests;

/// <summary>A benchmark peer: an IPv4 UDP socket on a loopback port.</summary>
public static class UdpEchoPeer
{
    public static Socket Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp); // expect-when-analyzed: DSG0001
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // expect-when-analyzed: DSG0006
        return socket;
    }
}
