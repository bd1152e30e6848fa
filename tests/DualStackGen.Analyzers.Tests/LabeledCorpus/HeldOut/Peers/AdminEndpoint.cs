using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Peers.Admin;

/// <summary>An HTTP-ish admin endpoint that only answers local callers, with the checks written the usual ways.</summary>
public sealed class AdminEndpoint
{
    private static readonly IPAddress ConfiguredManager = IPAddress.Parse("203.0.113.9");

    private readonly TcpListener _listener = new(IPAddress.IPv6Any, 8081);

    public AdminEndpoint() => _listener.Server.DualMode = true;

    public async Task ServeAsync()
    {
        _listener.Start();
        TcpClient client = await _listener.AcceptTcpClientAsync();
        var peer = client.Client.RemoteEndPoint as IPEndPoint;
        if (peer is null)
        {
            return;
        }

        bool local = IPAddress.Loopback.Equals(peer.Address); // expect: DSG0004
        bool manager = ConfiguredManager.Equals(peer.Address); // expect: DSG0004
        bool ipv4 = peer.Address.AddressFamily == AddressFamily.InterNetwork; // expect: DSG0004
        Console.WriteLine($"admin request from {peer} local={local} manager={manager} ipv4={ipv4}");
        client.Dispose();
    }

    // The listener's own side, reported for the operator: no comparison, nothing to unwrap.
    public string Banner() => $"admin endpoint on {_listener.LocalEndpoint}";
}

/// <summary>An accept loop that branches on the accepted socket's family before comparing.</summary>
public static class FamilyAwareCheck
{
    public static bool IsLocal(Socket accepted)
    {
        var remote = (IPEndPoint)accepted.RemoteEndPoint!;
        if (remote.Address.IsIPv4MappedToIPv6)
        {
            return remote.Address.MapToIPv4().Equals(IPAddress.Loopback);
        }

        if (remote.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return remote.Address.Equals(IPAddress.IPv6Loopback);
        }

        return remote.Address.Equals(IPAddress.Loopback);
    }
}
