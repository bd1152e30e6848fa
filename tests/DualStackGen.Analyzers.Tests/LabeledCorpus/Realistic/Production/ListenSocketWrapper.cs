using System;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Transport;

/// <summary>A socket wrapper a transport hands around.</summary>
public sealed class ListenSocket : IDisposable
{
    public ListenSocket(AddressFamily family) => Socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);

    public Socket Socket { get; }

    public void Dispose() => Socket.Dispose();
}

/// <summary>Binds first when a local endpoint is configured, then turns dual mode on: too late on that path.</summary>
public sealed class SocketTransport
{
    public ListenSocket Open(IPEndPoint? localEndPoint, int backlog)
    {
        var listen = new ListenSocket(AddressFamily.InterNetworkV6);
        if (localEndPoint is not null)
        {
            listen.Socket.Bind(localEndPoint);
        }

        listen.Socket.DualMode = true; // expect: DSG0005
        if (localEndPoint is null)
        {
            listen.Socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        }

        listen.Socket.Listen(backlog);
        return listen;
    }

    public ListenSocket OpenRight(int port)
    {
        var listen = new ListenSocket(AddressFamily.InterNetworkV6);
        listen.Socket.DualMode = true;
        listen.Socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        listen.Socket.Listen(128);
        return listen;
    }
}
