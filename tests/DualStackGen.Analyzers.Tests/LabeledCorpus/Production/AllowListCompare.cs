using System.Net;
using System.Net.Sockets;

namespace Labeled.AllowCompare;

/// <summary>The peer of a UDP receive compared with an IPv4 literal in a helper.</summary>
public sealed class AdminPort
{
    private static bool IsAdmin(IPAddress sender) => sender.Equals(IPAddress.Parse("10.0.0.1")); // expect: DSG0004

    public bool Check(UdpReceiveResult datagram) => IsAdmin(datagram.RemoteEndPoint.Address);
}
