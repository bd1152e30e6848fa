using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.Capability;

/// <summary>The wildcard chosen by what the OS supports.</summary>
public static class Wildcard
{
    public static IPAddress Address => Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;

    public static Socket Bind(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Address, port));
        return socket;
    }
}
