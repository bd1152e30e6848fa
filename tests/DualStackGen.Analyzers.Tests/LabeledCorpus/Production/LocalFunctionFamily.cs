using System.Net;
using System.Net.Sockets;

namespace Labeled.LocalFunction;

/// <summary>A local function returns the IPv4 wildcard endpoint bound by its caller.</summary>
public static class Telemetry
{
    public static Socket Listen(int port)
    {
        var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(EndPoint());
        return socket;

        IPEndPoint EndPoint() => new IPEndPoint(IPAddress.Any, port); // expect: DSG0002
    }
}
