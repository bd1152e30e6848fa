using System;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// Unwraps IPv4-mapped IPv6 addresses (<c>::ffff:203.0.113.5</c> becomes <c>203.0.113.5</c>) and formats
/// endpoints for logs and URLs. A dual-stack socket reports its IPv4 peers in the mapped form; everything a user
/// sees, compares or logs should go through <see cref="Normalize(IPAddress)"/> first.
/// </summary>
public static class EndPointNormalization
{
    /// <summary>Returns the IPv4 address of an IPv4-mapped IPv6 address; any other address unchanged (the same instance).</summary>
    /// <param name="address">The address to normalize.</param>
    /// <returns>The normalized address.</returns>
    public static IPAddress Normalize(this IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>
    /// Returns <paramref name="endPoint"/> with its address normalized; an endpoint whose address needs no change is
    /// returned as is, without allocating.
    /// </summary>
    /// <param name="endPoint">The endpoint to normalize.</param>
    /// <returns>The normalized endpoint.</returns>
    public static IPEndPoint Normalize(this IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return endPoint.Address.IsIPv4MappedToIPv6
            ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port)
            : endPoint;
    }

    /// <summary>
    /// Normalizes an endpoint as sockets report it (<see cref="Socket.RemoteEndPoint"/>,
    /// <see cref="Socket.LocalEndPoint"/>): an <see cref="IPEndPoint"/> is normalized, anything else returned as is.
    /// </summary>
    /// <param name="endPoint">The endpoint, possibly <see langword="null"/>.</param>
    /// <returns>The normalized endpoint, or <see langword="null"/>.</returns>
    public static EndPoint? NormalizeEndPoint(EndPoint? endPoint)
        => endPoint is IPEndPoint ip ? ip.Normalize() : endPoint;

    /// <summary>
    /// Formats an endpoint for logs: normalized, IPv6 bracketed, as in <c>127.0.0.1:8080</c> and <c>[::1]:8080</c>
    /// (with the scope, <c>[fe80::1%2]:8080</c>).
    /// </summary>
    /// <param name="endPoint">The endpoint to format.</param>
    /// <returns>The formatted endpoint.</returns>
    public static string ToDisplayString(this IPEndPoint endPoint) => endPoint.Normalize().ToString();

    /// <summary>
    /// Formats an address as the host part of a URL (RFC 3986 and 6874): normalized, IPv6 bracketed, a scope's
    /// <c>%</c> escaped, as in <c>192.0.2.1</c>, <c>[2001:db8::1]</c> and <c>[fe80::1%252]</c>.
    /// </summary>
    /// <param name="address">The address to format.</param>
    /// <returns>The URL host.</returns>
    public static string ToUriHost(this IPAddress address)
    {
        IPAddress normalized = address.Normalize();
        if (normalized.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return normalized.ToString();
        }

        return "[" + normalized.ToString().Replace("%", "%25", StringComparison.Ordinal) + "]";
    }

    /// <summary>The normalized local endpoints of bound sockets, in their order.</summary>
    internal static IPEndPoint[] LocalEndPointsOf(Socket[] sockets)
        => Array.ConvertAll(sockets, static socket => ((IPEndPoint)socket.LocalEndPoint!).Normalize());
}
