using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Realistic.Dhcp;

/// <summary>A DHCPv4 server: broadcast on UDP 67, IPv4 by definition.</summary>
public sealed class DhcpServer
{
    private const int ServerPort = 67;
    private const int ClientPort = 68;
    private UdpClient? _udp;

    public void Start()
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Any, ServerPort));
        _udp.EnableBroadcast = true;
    }

    public async Task OfferAsync(byte[] offer) => await _udp!.SendAsync(offer, offer.Length, new IPEndPoint(IPAddress.Broadcast, ClientPort));

    public async Task<byte[]> ReceiveAsync() => (await _udp!.ReceiveAsync()).Buffer;
}
