using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Peers.RateLimit;

/// <summary>
/// Connections per second per client address on one dual-mode listener. The buckets are keyed by what the socket
/// reports, consistently for every client, so they are fine; the exemptions are parsed IPv4 text and never match.
/// </summary>
public sealed class ConnectionRateLimiter
{
    private readonly ConcurrentDictionary<IPAddress, int> _buckets = new();
    private readonly HashSet<IPAddress> _exempt = new();

    public ConnectionRateLimiter(IEnumerable<string> exemptions)
    {
        foreach (string exemption in exemptions)
        {
            _exempt.Add(IPAddress.Parse(exemption));
        }
    }

    public bool TryAdmit(IPAddress address, int limit)
    {
        if (_exempt.Contains(address)) // expect: DSG0004
        {
            return true;
        }

        int count = _buckets.AddOrUpdate(address, 1, (_, current) => current + 1);
        return count <= limit;
    }

    public void Reset() => _buckets.Clear();
}

public sealed class LimitedServer
{
    private readonly ConnectionRateLimiter _limiter = new(new[] { "192.0.2.50" });

    public async Task AcceptLoopAsync(int port)
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        listener.Listen(128);
        while (true)
        {
            Socket accepted = await listener.AcceptAsync();
            var remote = (IPEndPoint)accepted.RemoteEndPoint!;
            if (!_limiter.TryAdmit(remote.Address, 20))
            {
                Console.WriteLine($"too many connections from {remote.Address}");
                accepted.Dispose();
            }
        }
    }
}
