using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.ClientLoopback;

/// <summary>A client connecting to the IPv4 loopback: where a client leaves from or goes to is not a listener.</summary>
public static class HealthCheck
{
    public static bool IsUp(int port)
    {
        using var client = new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        client.Connect(IPAddress.Loopback, port);
        return client.Connected;
    }
}
