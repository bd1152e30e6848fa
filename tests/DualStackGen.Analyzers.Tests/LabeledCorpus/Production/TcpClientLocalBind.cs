using System.Net;
using System.Net.Sockets;

namespace Labeled.TcpClientLocal;

/// <summary>An IPv4 local bind on a client: it can no longer reach IPv6 servers.</summary>
public static class OutboundClient
{
    public static TcpClient FromPort(int localPort) => new TcpClient(new IPEndPoint(IPAddress.Any, localPort)); // expect: DSG0002
}
