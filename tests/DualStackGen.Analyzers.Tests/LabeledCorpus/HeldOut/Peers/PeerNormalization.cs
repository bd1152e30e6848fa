using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.Normalized;

/// <summary>Peers unwrapped before they are compared: every check here is correct.</summary>
public sealed class TrustedPeers
{
    private readonly HashSet<IPAddress> _trusted = new() { IPAddress.Parse("198.51.100.20") };

    public bool IsTrusted(Socket accepted)
    {
        IPAddress remote = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
        IPAddress normalized = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return _trusted.Contains(normalized) || IPAddress.Loopback.Equals(normalized);
    }

    public static bool IsLoopback(TcpClient client)
    {
        IPAddress remote = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return remote.ToString() == "127.0.0.1" || remote.Equals(IPAddress.IPv6Loopback);
    }

    public static bool IsPrivateIPv4(IPEndPoint peer)
    {
        IPAddress address = peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        byte[] octets = address.GetAddressBytes();
        return octets[0] == 10 || (octets[0] == 192 && octets[1] == 168);
    }

    public static string Describe(Socket accepted)
    {
        var remote = (IPEndPoint)accepted.RemoteEndPoint!;
        return remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4().ToString() : remote.Address.ToString();
    }
}

/// <summary>One socket per family, on purpose: the IPv4 socket's peers have no mapped form.</summary>
public sealed class PerFamilyListeners
{
    private readonly Socket _v4 = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _v6 = new(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);

    public void Start(int port)
    {
        _v4.Bind(new IPEndPoint(IPAddress.Any, port));
        _v6.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        _v4.Listen(100);
        _v6.Listen(100);
    }

    public bool AcceptLocalIPv4()
    {
        Socket accepted = _v4.Accept();
        return ((IPEndPoint)accepted.RemoteEndPoint!).Address.Equals(IPAddress.Loopback);
    }
}
