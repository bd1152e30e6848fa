using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.OwnLocalEndPoint;

/// <summary>The local endpoint of an AF_INET socket (one of a pair) is a plain IPv4 address.</summary>
public sealed class PairedProbe
{
    private readonly Socket _v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = false };

    public bool BoundToWildcard()
    {
        IPAddress own = ((IPEndPoint)_v4.LocalEndPoint!).Address;
        return own.Equals(IPAddress.Any) && _v6.LocalEndPoint is not null;
    }
}
