using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace HeldOut.Listening.Discovery;

/// <summary>An SSDP listener: the 239.255.255.250 group exists on IPv4 only.</summary>
public sealed class SsdpListener
{
    private static readonly IPAddress MulticastGroup = IPAddress.Parse("239.255.255.250");
    private UdpClient? _client;

    public void Start()
    {
        _client = new UdpClient(AddressFamily.InterNetwork);
        _client.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _client.Client.Bind(new IPEndPoint(IPAddress.Any, 1900));
        _client.JoinMulticastGroup(MulticastGroup);
    }

    public Task SearchAsync(string target)
    {
        byte[] request = Encoding.ASCII.GetBytes($"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: {target}\r\n\r\n");
        return _client!.SendAsync(request, request.Length, new IPEndPoint(MulticastGroup, 1900));
    }
}

/// <summary>An mDNS responder with one socket per family, each joined to its family's group.</summary>
public sealed class MdnsResponder
{
    private readonly Socket _v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);

    public void Start()
    {
        _v4.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _v4.Bind(new IPEndPoint(IPAddress.Any, 5353));
        _v4.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPAddress.Parse("224.0.0.251")));

        _v6.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _v6.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
        _v6.Bind(new IPEndPoint(IPAddress.IPv6Any, 5353));
        _v6.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(IPAddress.Parse("ff02::fb")));
    }
}
