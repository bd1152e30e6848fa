using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.DualModeFirst;

public sealed class Channel
{
    public Socket Socket { get; } = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
}

/// <summary>DualMode before the bind, on a wrapper's socket and on a listener's.</summary>
public static class ChannelSetup
{
    public static void Open(Channel channel, int port)
    {
        channel.Socket.DualMode = true;
        channel.Socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        channel.Socket.Listen();
    }

    public static TcpListener Listener(int port)
    {
        var listener = new TcpListener(IPAddress.IPv6Any, port);
        listener.Server.DualMode = true;
        listener.Start();
        return listener;
    }
}
