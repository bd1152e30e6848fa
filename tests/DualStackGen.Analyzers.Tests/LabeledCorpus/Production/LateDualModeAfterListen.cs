using System.Net;
using System.Net.Sockets;

namespace Labeled.LateDualMode;

/// <summary>DualMode set after Start on the listener's socket.</summary>
public sealed class LateListener
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.IPv6Any, 9000) { Server = { DualMode = true } };

    public void Start(bool reconfigure)
    {
        var extra = new TcpListener(IPAddress.IPv6Any, 9001);
        extra.Server.DualMode = true;
        extra.Start();
        if (reconfigure)
        {
            extra.Server.DualMode = true; // expect: DSG0005
        }

        _listener.Start();
    }
}
