using System.Net;
using System.Net.Sockets;

namespace Labeled.LoopbackCtor;

/// <summary>"localhost" mapped to the IPv4 loopback alone.</summary>
public sealed class DebugConsole
{
    private readonly IPEndPoint _endPoint;

    public DebugConsole(int port) => _endPoint = new IPEndPoint(IPAddress.Loopback, port); // expect: DSG0006

    public TcpListener Start()
    {
        var listener = new TcpListener(_endPoint);
        listener.Start();
        return listener;
    }
}
