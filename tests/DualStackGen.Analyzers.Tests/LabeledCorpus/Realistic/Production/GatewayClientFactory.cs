using System.Net;
using System.Net.Sockets;

namespace Realistic.Gateway;

/// <summary>Outgoing connections from a chosen local port (a gateway that must use a fixed source port).</summary>
public sealed class UpstreamConnector
{
    private readonly int _sourcePort;

    public UpstreamConnector(int sourcePort) => _sourcePort = sourcePort;

    public TcpClient Connect(string host, int port)
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Any, _sourcePort)); // expect: DSG0002
        client.Connect(host, port);
        return client;
    }

    public TcpClient ConnectAnyPort(string host, int port)
    {
        var client = new TcpClient();
        client.Connect(host, port);
        return client;
    }
}
