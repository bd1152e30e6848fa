using System.Net;
using System.Net.Sockets;

namespace Labeled.Tests.Fake;

/// <summary>A fake server on 127.0.0.1 whose client uses the same literal.</summary>
public sealed class FakeUpstream
{
    private readonly UdpClient _server = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0));

    public int Port => ((IPEndPoint)_server.Client.LocalEndPoint!).Port;

    public bool FromClient(UdpReceiveResult datagram) => datagram.RemoteEndPoint.Address.Equals(IPAddress.Parse("127.0.0.1")); // expect-when-analyzed: DSG0004

    public UdpClient Client() => new UdpClient("127.0.0.1", Port);
}
