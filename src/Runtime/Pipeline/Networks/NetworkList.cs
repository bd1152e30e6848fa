using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// A list of networks matched on normalized addresses: an IPv4-mapped address (<c>::ffff:a.b.c.d</c>) is matched as
/// the IPv4 address it carries, and a network written in the mapped form (<c>::ffff:a.b.c.0/120</c>) is its IPv4
/// network, so no rule can be bypassed, or missed, by the form an address arrives in.
/// </summary>
internal sealed class NetworkList
{
    private readonly IPNetwork[] _networks;

    public NetworkList(IEnumerable<IPNetwork> networks)
    {
        var normalized = new List<IPNetwork>();
        foreach (IPNetwork network in networks)
        {
            normalized.Add(Normalize(network));
        }

        _networks = [.. normalized];
    }

    public bool IsEmpty => _networks.Length == 0;

    public bool Contains(IPAddress address)
    {
        IPAddress normalized = address.Normalize();
        foreach (IPNetwork network in _networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    internal static IPNetwork Normalize(IPNetwork network)
    {
        if (network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 && network.PrefixLength >= 96 && network.BaseAddress.IsIPv4MappedToIPv6)
        {
            return new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96);
        }

        return network;
    }
}
