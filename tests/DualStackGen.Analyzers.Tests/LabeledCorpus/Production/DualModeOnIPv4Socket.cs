using System.Net;
using System.Net.Sockets;

namespace Labeled.DualModeIPv4;

/// <summary>DualMode on an AF_INET socket throws NotSupportedException.</summary>
public static class MixedUp
{
    public static Socket Create(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); // expect: DSG0001
        socket.DualMode = true; // expect: DSG0005
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return socket;
    }
}
