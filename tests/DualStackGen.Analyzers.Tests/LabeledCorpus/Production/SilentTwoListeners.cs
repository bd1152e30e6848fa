using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.TwoListeners;

/// <summary>Two listeners for one port, one per family.</summary>
public sealed class SeparateListeners
{
    private readonly TcpListener _v4;
    private readonly TcpListener _v6;

    public SeparateListeners(int port)
    {
        _v4 = new TcpListener(IPAddress.Any, port);
        _v6 = new TcpListener(IPAddress.IPv6Any, port);
    }

    public void Start()
    {
        _v4.Start();
        _v6.Start();
    }
}
