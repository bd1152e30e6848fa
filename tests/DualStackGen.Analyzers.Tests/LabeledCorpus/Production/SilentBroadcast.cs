using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.Broadcast;

/// <summary>Broadcast discovery exists in IPv4 only.</summary>
public static class Discovery
{
    public static UdpClient Open(int port) => new UdpClient(port) { EnableBroadcast = true };

    public static void Announce(UdpClient client, byte[] payload, int port) => client.Send(payload, payload.Length, new IPEndPoint(IPAddress.Broadcast, port));
}
