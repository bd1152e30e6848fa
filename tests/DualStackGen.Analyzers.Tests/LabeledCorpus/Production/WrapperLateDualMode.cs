using System.Net;
using System.Net.Sockets;

namespace Labeled.WrapperDualMode;

public sealed class Transport
{
    public Socket Socket { get; } = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
}

/// <summary>DualMode set after a conditional bind on a socket held by a wrapper (EINVAL on that path).</summary>
public static class TransportSetup
{
    public static void Open(Transport transport, IPEndPoint? localEndPoint)
    {
        if (localEndPoint is not null)
        {
            transport.Socket.Bind(localEndPoint);
        }

        transport.Socket.DualMode = true; // expect: DSG0005
    }
}
