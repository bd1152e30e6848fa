using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Peers.DnsConnect;

/// <summary>Client libraries connecting to a broker or a database by name.</summary>
public static class BrokerConnector
{
    public static Socket ConnectByEntry(string hostName, int port)
    {
        IPAddress address = Dns.GetHostEntry(hostName).AddressList[0]; // expect: DSG0008
        var endPoint = new IPEndPoint(address, port);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(endPoint);
        return socket;
    }

    public static TcpClient ConnectFirst(string host, int port)
    {
        IPAddress[] addresses = Dns.GetHostAddresses(host);
        var client = new TcpClient(addresses[0].AddressFamily);
        client.Connect(addresses[0], port); // expect: DSG0008
        return client;
    }

    public static async Task<Socket> ConnectFirstAsync(string host, int port, CancellationToken cancellationToken)
    {
        IPAddress target = (await Dns.GetHostAddressesAsync(host, cancellationToken)).First(); // expect: DSG0008
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target, port, cancellationToken);
        return socket;
    }

    public static async Task<TcpClient> ConnectDefaultAsync(string host, int port)
    {
        IPHostEntry entry = await Dns.GetHostEntryAsync(host);
        IPAddress? address = entry.AddressList.FirstOrDefault(); // expect: DSG0008
        var client = new TcpClient(AddressFamily.InterNetworkV6);
        client.Client.DualMode = true;
        await client.ConnectAsync(address!, port);
        return client;
    }

    // The IPv4 answer chosen on purpose (a broker that only listens on IPv4): the pick is a decision, not the resolver's order.
    public static Socket ConnectIPv4(string host, int port)
    {
        IPAddress address = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(address, port);
        return socket;
    }

    // The first answer only printed.
    public static string Describe(string host) => $"{host} is {Dns.GetHostAddresses(host)[0]}";
}

/// <summary>The same clients letting the runtime try every answer.</summary>
public static class EveryAnswerConnector
{
    public static TcpClient ByName(string host, int port) => new TcpClient(host, port);

    public static async Task<TcpClient> ByNameAsync(string host, int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port);
        return client;
    }

    public static async Task<Socket> ByDnsEndPointAsync(string host, int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new DnsEndPoint(host, port));
        return socket;
    }

    public static Socket AllAddresses(string host, int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(Dns.GetHostAddresses(host), port);
        return socket;
    }

    public static async Task<Socket?> EachInTurnAsync(string host, int port)
    {
        foreach (IPAddress address in await Dns.GetHostAddressesAsync(host))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(address, port);
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }

        return null;
    }
}
