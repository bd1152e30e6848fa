using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.LocalBinds;

/// <summary>Outbound clients that pin a local endpoint before connecting to a peer.</summary>
public static class PinnedClients
{
    public static TcpClient FromLocalPort(int localPort, string host, int port)
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Any, localPort)); // expect: DSG0002
        client.Connect(host, port);
        return client;
    }

    public static Socket FromSourceAddress(IPAddress source, string host, int port)
    {
        var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        socket.Connect(new DnsEndPoint(host, port, source.AddressFamily));
        return socket;
    }
}
