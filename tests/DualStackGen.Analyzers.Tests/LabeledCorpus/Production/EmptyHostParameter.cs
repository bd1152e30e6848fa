using System.Net;
using System.Net.Sockets;

namespace Labeled.EmptyHostParameter;

/// <summary>A host parameter resolved by a helper and bound without an emptiness check.</summary>
public static class HostBinder
{
    private static IPAddress Resolve(string host) => Dns.GetHostAddresses(host)[0]; // expect: DSG0008, DSG0003

    public static Socket Bind(string host, int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Resolve(host), port));
        return socket;
    }
}
