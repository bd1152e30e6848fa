using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.TwoSockets;

/// <summary>One socket per family on purpose: the IPv6 one is V6ONLY, so each family is controlled on its own.</summary>
public sealed class PairServer
{
    public (Socket V4, Socket V6) Open(int port)
    {
        var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        v4.Bind(new IPEndPoint(IPAddress.Any, port));
        var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        v6.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
        v6.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        v4.Listen();
        v6.Listen();
        return (v4, v6);
    }

    public bool OwnAddressIsWildcard(Socket v4Only) => v4Only.AddressFamily == AddressFamily.InterNetwork;
}
