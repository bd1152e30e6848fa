using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Realistic.Discovery;

/// <summary>SSDP on the IPv4 multicast group 239.255.255.250:1900: IPv4-only on purpose.</summary>
public sealed class SsdpListener
{
    private static readonly IPAddress Group = IPAddress.Parse("239.255.255.250");
    private UdpClient? _client;

    public void Start()
    {
        _client = new UdpClient();
        _client.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _client.Client.Bind(new IPEndPoint(IPAddress.Any, 1900));
        _client.JoinMulticastGroup(Group);
    }

    public async Task SearchAsync()
    {
        byte[] request = Encoding.ASCII.GetBytes("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n");
        await _client!.SendAsync(request, request.Length, new IPEndPoint(Group, 1900));
    }
}

/// <summary>A game's LAN discovery on a multicast group of its own.</summary>
public sealed class LanDiscovery
{
    private readonly UdpClient _udp;

    public LanDiscovery(int port)
    {
        _udp = new UdpClient(port);
        _udp.JoinMulticastGroup(IPAddress.Parse("239.1.2.3"));
        _udp.MulticastLoopback = true;
    }

    public UdpClient Client => _udp;
}
