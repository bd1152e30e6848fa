using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>One socket a listen intends to bind.</summary>
/// <param name="Address">The local address.</param>
/// <param name="V6Only">IPV6_V6ONLY for an IPv6 socket, always set explicitly; ignored for IPv4.</param>
internal readonly record struct PlannedSocket(IPAddress Address, bool V6Only)
{
    public static PlannedSocket IPv4(IPAddress address) => new(address, V6Only: false);

    public static PlannedSocket IPv6(IPAddress address) => new(address, V6Only: true);

    public static PlannedSocket DualStackAny => new(IPAddress.IPv6Any, V6Only: false);

    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    public bool IsDualStackAny => IsIPv6 && !V6Only;

    public bool? V6OnlyOption => IsIPv6 ? V6Only : null;
}
