using System;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// Dual-stack replacements for the IPv4-only constructors of hand-written servers: <c>new TcpListener(IPAddress.Any, port)</c>
/// becomes <see cref="CreateTcpListener(int)"/>, <c>new UdpClient(port)</c> becomes <see cref="CreateUdpClient(int)"/>,
/// <c>new Socket(AddressFamily.InterNetwork, ...)</c> becomes <see cref="CreateSocket(SocketType, ProtocolType)"/>.
/// </summary>
/// <remarks>
/// Each helper makes one socket: an IPv6 one with IPV6_V6ONLY set to 0 explicitly where the OS has dual-stack
/// sockets. Where it has not, one socket cannot serve both families, so the helper picks the family the OS has,
/// IPv4 first (most clients still have it); use <see cref="DualStackListener"/> to get a socket per family.
/// </remarks>
public static class DualStack
{
    /// <summary>Gets the address to bind a socket from <see cref="CreateSocket(SocketType, ProtocolType)"/> to: [::] or, without dual-stack sockets, 0.0.0.0.</summary>
    public static IPAddress AnyAddress => UsesDualStackSockets ? IPAddress.IPv6Any : FallbackAnyAddress;

    private static bool UsesDualStackSockets => OsSocketCapabilityProbe.Shared.GetCapabilities().SupportsDualStack;

    private static IPAddress FallbackAnyAddress
        => OsSocketCapabilityProbe.Shared.GetCapabilities().SupportsIPv4 ? IPAddress.Any : IPAddress.IPv6Any;

    /// <summary>
    /// Creates a <see cref="TcpListener"/> on any address and <paramref name="port"/> that serves IPv4 and IPv6
    /// clients. Call <see cref="TcpListener.Start()"/> as usual.
    /// </summary>
    /// <remarks>
    /// The dual-stack option lives on the listener's current socket, and <see cref="TcpListener.Stop()"/> discards
    /// that socket: a later <see cref="TcpListener.Start()"/> makes a new one without it, IPv6-only as .NET creates
    /// every IPv6 socket on every OS. Create a new listener instead of restarting one.
    /// </remarks>
    /// <param name="port">The port, 0 to 65535.</param>
    /// <returns>The listener, not yet started.</returns>
    public static TcpListener CreateTcpListener(int port)
    {
        var listener = new TcpListener(AnyAddress, port);
        try
        {
            ConfigureV6Only(listener.Server);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Creates a <see cref="UdpClient"/> bound to any address and <paramref name="port"/> that serves IPv4 and IPv6 peers.</summary>
    /// <param name="port">The port, 0 to 65535.</param>
    /// <returns>The bound client. IPv4 senders appear as IPv4-mapped addresses: normalize them with <see cref="EndPointNormalization.Normalize(IPEndPoint)"/>.</returns>
    public static UdpClient CreateUdpClient(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        IPAddress any = AnyAddress;
        var client = new UdpClient(any.AddressFamily);
        try
        {
            ConfigureV6Only(client.Client);
            client.Client.Bind(new IPEndPoint(any, port));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates an unbound socket that serves both families once bound to <see cref="AnyAddress"/>: IPv6 with
    /// IPV6_V6ONLY set to 0 (<see cref="Socket.DualMode"/>), or the family the OS has.
    /// </summary>
    /// <param name="socketType">The socket type, such as <see cref="SocketType.Stream"/>.</param>
    /// <param name="protocolType">The protocol, such as <see cref="ProtocolType.Tcp"/>.</param>
    /// <returns>The socket, not yet bound.</returns>
    public static Socket CreateSocket(SocketType socketType, ProtocolType protocolType)
    {
        var socket = new Socket(AnyAddress.AddressFamily, socketType, protocolType);
        try
        {
            ConfigureV6Only(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void ConfigureV6Only(Socket socket)
    {
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, UsesDualStackSockets ? 0 : 1);
        }
    }
}
