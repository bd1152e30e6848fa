using System.Net;
using System.Net.Sockets;

namespace Labeled.UdpEndPointField;

/// <summary>The local endpoint kept in a field, bound by UdpClient(IPEndPoint).</summary>
public sealed class StatusBeacon
{
    private readonly IPEndPoint _local;

    public StatusBeacon(int port) => _local = new IPEndPoint(IPAddress.Any, port); // expect: DSG0002

    public UdpClient Open() => new UdpClient(_local);
}
