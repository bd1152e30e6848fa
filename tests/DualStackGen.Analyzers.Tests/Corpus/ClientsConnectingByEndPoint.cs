using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus;

/// <summary>Clients that follow the family of what they connect to, and let the runtime try every DNS answer.</summary>
public static class ClientsConnectingByEndPoint
{
    public static async Task<Socket> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, cancellationToken);
        return socket;
    }

    public static async Task<TcpClient> ConnectByNameAsync(string host, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        return client;
    }

    public static async Task<Socket> ConnectToAnyAnswerAsync(string host, int port, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        Exception? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return socket;
            }
            catch (SocketException e)
            {
                last = e;
                socket.Dispose();
            }
        }

        throw new SocketException((int)SocketError.HostNotFound, last?.Message ?? host);
    }

    public static UdpClient SendTo(IPEndPoint peer)
    {
        var udp = new UdpClient(peer.AddressFamily);
        udp.Connect(peer);
        return udp;
    }
}
