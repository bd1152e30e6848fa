using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Cluster;

/// <summary>A cluster node that advertises its IPv4 address on purpose (the gossip protocol carries 4-byte addresses).</summary>
public sealed class ClusterNode
{
    private readonly Socket _gossip;

    public ClusterNode(string hostName, int port)
    {
        IPAddress advertised = Dns.GetHostAddresses(hostName).First(a => a.AddressFamily == AddressFamily.InterNetwork); // expect: DSG0003
        _gossip = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        _gossip.Bind(new IPEndPoint(advertised, port));
    }

    public static IPAddress? LocalIPv4(string hostName) =>
        Dns.GetHostEntry(hostName).AddressList.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);

    public static Socket ConnectToSeed(string seedHost, int port)
    {
        IPAddress seed = Dns.GetHostAddresses(seedHost).First(); // expect: DSG0008
        var socket = new Socket(seed.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(seed, port);
        return socket;
    }

    public void Close() => _gossip.Dispose();
}
