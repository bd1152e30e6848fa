using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen;

namespace Corpus;

/// <summary>Peers compared, counted and filtered by address — always after unwrapping the IPv4-mapped form.</summary>
public sealed class NormalizedPeers
{
    private readonly ConcurrentDictionary<IPAddress, int> _connections = new();

    public async Task<bool> AcceptAsync(Socket listener)
    {
        using Socket accepted = await listener.AcceptAsync();
        var remote = (IPEndPoint)accepted.RemoteEndPoint!;
        IPAddress address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        _connections.AddOrUpdate(address, 1, (_, count) => count + 1);
        return address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback);
    }

    public bool IsIPv4(Socket accepted)
    {
        IPEndPoint remote = ((IPEndPoint)accepted.RemoteEndPoint!).Normalize();
        return remote.AddressFamily == AddressFamily.InterNetwork;
    }

    public async Task<bool> FromLoopbackAsync(UdpClient udp)
    {
        UdpReceiveResult datagram = await udp.ReceiveAsync();
        IPAddress sender = EndPointNormalization.Normalize(datagram.RemoteEndPoint.Address);
        return sender.Equals(IPAddress.Loopback);
    }

    public bool FromRuntime(TcpConnection connection) =>
        connection.RemoteEndPoint.Address.Equals(IPAddress.Loopback) && _connections.ContainsKey(connection.RemoteEndPoint.Address);

    public bool DatagramIsIPv4(UdpDatagram datagram) => datagram.RemoteEndPoint.AddressFamily == AddressFamily.InterNetwork;

    public bool IsKnown(Socket accepted) =>
        accepted.RemoteEndPoint is IPEndPoint remote && _connections.ContainsKey(remote.Address.Normalize());
}
