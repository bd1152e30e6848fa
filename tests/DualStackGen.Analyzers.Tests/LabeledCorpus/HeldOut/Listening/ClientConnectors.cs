using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Listening.Clients;

/// <summary>Clients that connect rather than listen.</summary>
public static class UpstreamConnector
{
    public static async Task<TcpClient> ConnectByNameAsync(string host, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        return client;
    }

    public static async Task<Socket> ConnectToEndPointAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint);
        return socket;
    }

    public static async Task<Socket> ConnectFamilyLessAsync(string host, int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new DnsEndPoint(host, port));
        return socket;
    }

    /// <summary>A cluster peer link that forces IPv4 and then connects to a name: peers on IPv6-only hosts are unreachable.</summary>
    public static async Task<TcpClient> ConnectPeerAsync(string peerHost, int port)
    {
        var client = new TcpClient(AddressFamily.InterNetwork); // expect: DSG0001
        client.NoDelay = true;
        await client.ConnectAsync(peerHost, port);
        return client;
    }

    public static UdpClient DnsUpstream(IPAddress server)
    {
        var udp = new UdpClient(server.AddressFamily);
        udp.Connect(server, 53);
        return udp;
    }
}
