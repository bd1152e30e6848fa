using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace DualStackGen;

/// <summary>
/// Probes the OS by creating and binding throwaway UDP sockets: IPv4 on 0.0.0.0, IPv6 on [::], and an IPv6
/// socket with IPV6_V6ONLY = 0 for dual-stack. Probed once per process, on first use.
/// </summary>
/// <remarks>
/// <see cref="Socket.OSSupportsIPv6"/> only says the family exists; a host with IPv6 compiled in but unusable
/// (<c>::</c> unbindable) or without dual-stack sockets needs the bind and the option tried for real. A failed
/// probe never throws: it reports the capability as missing.
/// </remarks>
public sealed class OsSocketCapabilityProbe : ISocketCapabilityProbe
{
    private readonly Lazy<SocketCapabilities> _capabilities = new(ProbeNow, LazyThreadSafetyMode.ExecutionAndPublication);

    private OsSocketCapabilityProbe()
    {
    }

    /// <summary>Gets the process-wide probe.</summary>
    public static OsSocketCapabilityProbe Shared { get; } = new();

    /// <inheritdoc />
    public SocketCapabilities GetCapabilities() => _capabilities.Value;

    private static SocketCapabilities ProbeNow()
    {
        bool ipv4 = CanBind(AddressFamily.InterNetwork, v6Only: null);
        bool ipv6 = CanBind(AddressFamily.InterNetworkV6, v6Only: true);
        bool dualStack = ipv4 && ipv6 && CanBind(AddressFamily.InterNetworkV6, v6Only: false);
        return new SocketCapabilities(ipv4, ipv6, dualStack);
    }

    private static bool CanBind(AddressFamily family, bool? v6Only)
    {
        try
        {
            using var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            if (v6Only is bool only)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, only ? 1 : 0);
                if ((int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only)! != (only ? 1 : 0))
                {
                    return false;
                }
            }

            socket.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0));
            return true;
        }
        catch (Exception e) when (e is SocketException or NotSupportedException)
        {
            return false;
        }
    }
}
