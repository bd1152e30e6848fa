using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.BroadcastResponder;

/// <summary>A discovery responder its caller binds to the broadcast address on every interface, or to the IPv4 wildcard.</summary>
public sealed class DiscoveryResponder
{
    private readonly IPEndPoint _endpoint;
    private readonly Socket _socket;

    public DiscoveryResponder(IPAddress bindAddress, int port)
    {
        _endpoint = new IPEndPoint(bindAddress, port);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    }

    public void Start() => _socket.Bind(_endpoint);
}

public static class DiscoveryEntryPoint
{
    public static DiscoveryResponder Create(bool everyInterface, int port) =>
        everyInterface ? new DiscoveryResponder(IPAddress.Broadcast, port) : new DiscoveryResponder(IPAddress.Any, port);
}
