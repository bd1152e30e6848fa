using System.Net;
using System.Net.Sockets;

namespace Labeled.CoalesceUdp;

/// <summary>ip ?? IPAddress.Any passed on to the overload that creates the UdpClient.</summary>
public sealed class Receiver
{
    public UdpClient Open(int port) => Open(null, port);

    public UdpClient Open(IPAddress? ip, int port) => Create(ip ?? IPAddress.Any, port); // expect: DSG0002

    private static UdpClient Create(IPAddress address, int port) => new UdpClient(new IPEndPoint(address, port));
}
