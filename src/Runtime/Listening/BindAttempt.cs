using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>One endpoint a listen tried to bind, and how that went.</summary>
/// <param name="EndPoint">The endpoint, with the port that was asked for.</param>
/// <param name="V6Only">For an IPv6 socket, the IPV6_V6ONLY value set on it; <see langword="null"/> for IPv4.</param>
/// <param name="Error">The OS error; <see cref="SocketError.Success"/> for a socket that was bound (and later closed).</param>
/// <param name="Message">The OS's description of <paramref name="Error"/>.</param>
public sealed record BindAttempt(IPEndPoint EndPoint, bool? V6Only, SocketError Error, string Message)
{
    /// <summary>Gets the endpoint's address family.</summary>
    public AddressFamily Family => EndPoint.AddressFamily;

    /// <summary>Formats the attempt for messages: <c>[::]:8080 IPv6 V6ONLY=0: AddressAlreadyInUse (Address already in use)</c>.</summary>
    /// <returns>The formatted attempt.</returns>
    public override string ToString()
    {
        string socket = V6Only is bool only
            ? $"{EndPoint} IPv6 V6ONLY={(only ? 1 : 0)}"
            : $"{EndPoint} IPv4";
        return Error == SocketError.Success
            ? $"{socket}: bound, then closed"
            : $"{socket}: {Error} ({Message})";
    }
}
