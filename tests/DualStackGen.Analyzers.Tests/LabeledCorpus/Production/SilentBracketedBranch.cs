using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.Bracketed;

/// <summary>The IPv6 case is bracketed on its own arm.</summary>
public static class Display
{
    public static string Format(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
