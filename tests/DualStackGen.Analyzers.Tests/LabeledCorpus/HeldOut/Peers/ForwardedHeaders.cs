using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.Forwarded;

/// <summary>A small HTTP server behind a reverse proxy: the client address from X-Forwarded-For, trusted only from the proxy.</summary>
public sealed class ForwardedClientResolver
{
    private readonly List<IPAddress> _trustedProxies;

    public ForwardedClientResolver(string trustedProxies)
    {
        _trustedProxies = trustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPAddress.Parse)
            .ToList();
    }

    public IPAddress ClientAddress(Socket connection, IReadOnlyDictionary<string, string> headers)
    {
        IPAddress peer = ((IPEndPoint)connection.RemoteEndPoint!).Address;
        if (!_trustedProxies.Contains(peer) || !headers.TryGetValue("X-Forwarded-For", out string? forwarded)) // expect: DSG0004
        {
            return peer;
        }

        string first = forwarded.Split(',')[0].Trim();
        return IPAddress.TryParse(first, out IPAddress? client) ? client : peer;
    }

    // Some proxies append the client's port ("203.0.113.5:51234"); cutting at ':' also cuts every IPv6 client.
    public static IPAddress? StripPort(string entry)
    {
        string host = entry.Split(':')[0]; // expect: DSG0007
        return IPAddress.TryParse(host, out IPAddress? address) ? address : null;
    }

    // The RFC 7239 form brackets IPv6 clients: for="[2001:db8::17]:4711".
    public static IPAddress? FromForwardedFor(string value)
    {
        string node = value.Trim('"');
        if (node.StartsWith('['))
        {
            int close = node.IndexOf(']');
            return IPAddress.TryParse(node.Substring(1, close - 1), out IPAddress? v6) ? v6 : null;
        }

        int colon = node.IndexOf(':');
        string host = colon < 0 ? node : node.Substring(0, colon);
        return IPAddress.TryParse(host, out IPAddress? v4) ? v4 : null;
    }
}

public sealed class ProxiedHttpServer
{
    private readonly ForwardedClientResolver _resolver = new("10.0.0.2, 10.0.0.3");
    private readonly Socket _listener = new(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };

    public void Start(int port)
    {
        _listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        _listener.Listen(512);
    }

    public IPAddress Serve(IReadOnlyDictionary<string, string> headers)
    {
        Socket connection = _listener.Accept();
        return _resolver.ClientAddress(connection, headers);
    }
}
