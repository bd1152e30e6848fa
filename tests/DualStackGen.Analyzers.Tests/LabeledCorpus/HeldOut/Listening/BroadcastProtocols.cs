using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Broadcast;

/// <summary>A DHCPv4 server: clients without an address broadcast to port 67, an IPv4-only protocol.</summary>
public sealed class DhcpServer
{
    private const int ServerPort = 67;
    private UdpClient? _udp;

    public void Start()
    {
        _udp = new UdpClient(ServerPort);
        _udp.EnableBroadcast = true;
    }

    public void Offer(byte[] reply) => _udp!.Send(reply, reply.Length, new IPEndPoint(IPAddress.Broadcast, 68));
}

/// <summary>A LAN game's discovery beacon: answers broadcast queries on a fixed port.</summary>
public sealed class LanDiscoveryBeacon
{
    private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public void Start(int port)
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
        _socket.Bind(new IPEndPoint(IPAddress.Any, port));
    }

    public void Announce(byte[] beacon, int port) => _socket.SendTo(beacon, new IPEndPoint(IPAddress.Broadcast, port));
}

/// <summary>Wake-on-LAN: a magic packet broadcast, never listened on.</summary>
public static class WakeOnLan
{
    public static void Send(byte[] magicPacket)
    {
        using var client = new UdpClient();
        client.EnableBroadcast = true;
        client.Send(magicPacket, magicPacket.Length, new IPEndPoint(IPAddress.Broadcast, 9));
    }
}
