using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Peers.DnsForwarding;

/// <summary>A DNS forwarder that resolves its upstream's name once and keeps the first answer.</summary>
public sealed class UpstreamResolver
{
    private readonly string _upstreamHost;
    private IPAddress? _cached;

    public UpstreamResolver(string upstreamHost) => _upstreamHost = upstreamHost;

    public async Task<IPAddress> GetAsync()
    {
        if (_cached is null)
        {
            IPAddress[] answers = await Dns.GetHostAddressesAsync(_upstreamHost);
            _cached = answers[0]; // expect: DSG0008
        }

        return _cached;
    }
}

public sealed class DnsForwarder : IDisposable
{
    private readonly UpstreamResolver _resolver;
    private readonly UdpClient _client;

    public DnsForwarder(string upstreamHost, int listenPort)
    {
        _resolver = new UpstreamResolver(upstreamHost);
        _client = new UdpClient(AddressFamily.InterNetworkV6);
        _client.Client.DualMode = true;
        _client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, listenPort));
    }

    public async Task ForwardOneAsync()
    {
        UdpReceiveResult query = await _client.ReceiveAsync();
        IPAddress upstream = await _resolver.GetAsync();
        await _client.SendAsync(query.Buffer, query.Buffer.Length, new IPEndPoint(upstream, 53));
        Console.WriteLine($"forwarded a query from {query.RemoteEndPoint}");
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>A zone-transfer client picking the first usable answer with a loop.</summary>
public static class SecondaryServer
{
    public static async Task<IPEndPoint?> PrimaryAsync(string primaryName)
    {
        foreach (IPAddress candidate in await Dns.GetHostAddressesAsync(primaryName)) // expect: DSG0008
        {
            if (candidate.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            {
                return new IPEndPoint(candidate, 53);
            }
        }

        return null;
    }

    public static async Task<TcpClient?> TransferAsync(string primaryName)
    {
        IPEndPoint? primary = await PrimaryAsync(primaryName);
        if (primary is null)
        {
            return null;
        }

        var client = new TcpClient(primary.AddressFamily);
        await client.ConnectAsync(primary);
        return client;
    }
}
