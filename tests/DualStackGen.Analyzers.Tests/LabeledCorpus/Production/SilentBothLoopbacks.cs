using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.BothLoopbacks;

/// <summary>localhost as two listeners, one per loopback.</summary>
public sealed class LocalhostServer
{
    public (TcpListener V4, TcpListener V6) Start(int port)
    {
        var v4 = new TcpListener(IPAddress.Loopback, port);
        var v6 = new TcpListener(IPAddress.IPv6Loopback, port);
        v6.Server.DualMode = false;
        v4.Start();
        v6.Start();
        return (v4, v6);
    }
}
