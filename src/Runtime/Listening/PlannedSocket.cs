using System;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// One socket a listen intends to bind, with what to bind instead when the OS refuses it: the fallbacks are part of
/// the plan, decided by <see cref="SocketPlanner"/>, so the binder only executes them.
/// </summary>
/// <param name="Address">The local address.</param>
/// <param name="V6Only">IPV6_V6ONLY for an IPv6 socket, always set explicitly; ignored for IPv4.</param>
internal readonly record struct PlannedSocket(IPAddress Address, bool V6Only)
{
    /// <summary>
    /// Gets what to bind instead when the OS refuses IPV6_V6ONLY=0 on this socket (a system without dual-stack
    /// sockets); empty when there is nothing to fall back to.
    /// </summary>
    public PlannedSocket[] IfDualStackRefused { get; init; } = [];

    /// <summary>
    /// Gets what to bind instead when the OS says this socket's family or address is not available; empty to skip
    /// the socket alone.
    /// </summary>
    public PlannedSocket[] IfUnavailable { get; init; } = [];

    public static PlannedSocket IPv4(IPAddress address) => new(address, V6Only: false);

    public static PlannedSocket IPv6(IPAddress address) => new(address, V6Only: true);

    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    public bool? V6OnlyOption => IsIPv6 ? V6Only : null;

    public string Family => IsIPv6 ? "IPv6" : "IPv4";

    public bool Equals(PlannedSocket other) => Address.Equals(other.Address) && V6Only == other.V6Only;

    public override int GetHashCode() => HashCode.Combine(Address, V6Only);
}
