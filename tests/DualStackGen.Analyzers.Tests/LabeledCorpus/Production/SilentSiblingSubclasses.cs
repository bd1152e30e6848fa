using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.SiblingSubclasses;

/// <summary>
/// A base stores the endpoint its subclasses pass; each subclass binds it in its own way. The announcer's wildcard is
/// its own instance's, and no listener of its hierarchy binds it (its datagrams go out through a multicast sender).
/// </summary>
public abstract class PeerListener
{
    protected PeerListener(IPEndPoint endPoint) => LocalEndPoint = endPoint;

    protected IPEndPoint LocalEndPoint { get; }
}

public sealed class StreamPeerListener : PeerListener
{
    private readonly Socket _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };

    public StreamPeerListener(int port)
        : base(new IPEndPoint(IPAddress.IPv6Any, port))
    {
    }

    public void Start()
    {
        _socket.Bind(LocalEndPoint);
        _socket.Listen();
    }
}

public sealed class PeerAnnouncer : PeerListener
{
    public PeerAnnouncer(int port)
        : base(new IPEndPoint(IPAddress.Any, port))
    {
    }

    public IPEndPoint Announced => LocalEndPoint;
}
