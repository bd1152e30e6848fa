using System;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// One socket a service manager passed to the process (systemd's <c>LISTEN_FDS</c>), what it is, and the copy of it a
/// server currently uses. The inherited descriptor itself stays open, and is never handed out, for as long as the
/// process lives: a server gets a duplicate, so that stopping and starting it again within the process adopts the
/// socket again, and connections that arrive meanwhile wait in its queue rather than being refused.
/// </summary>
internal sealed class InheritedSocket
{
    private SafeSocketHandle? _lent;

    internal InheritedSocket(int descriptor, string name, SocketType socketType, AddressFamily family, IPEndPoint localEndPoint, bool? v6Only)
    {
        Descriptor = descriptor;
        Name = name;
        SocketType = socketType;
        Family = family;
        LocalEndPoint = localEndPoint;
        V6Only = v6Only;
    }

    /// <summary>Gets the inherited descriptor number (3 and up).</summary>
    public int Descriptor { get; }

    /// <summary>Gets its name from <c>LISTEN_FDNAMES</c> (<c>FileDescriptorName=</c>), or <c>"unknown"</c> as systemd says when there is none.</summary>
    public string Name { get; }

    /// <summary>Gets <see cref="SocketType.Stream"/> (TCP) or <see cref="SocketType.Dgram"/> (UDP).</summary>
    public SocketType SocketType { get; }

    /// <summary>Gets the address family.</summary>
    public AddressFamily Family { get; }

    /// <summary>Gets the address and port the socket is bound to, as the OS reports it.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Gets IPV6_V6ONLY for an IPv6 socket; <see langword="null"/> for IPv4.</summary>
    public bool? V6Only { get; }

    /// <summary>Gets whether a server holds a copy of it that it has not closed yet.</summary>
    public bool IsTaken => _lent is { IsClosed: false };

    public string Transport => SocketType == SocketType.Stream ? "TCP" : "UDP";

    /// <summary>Reads what descriptor <paramref name="descriptor"/> is, from a duplicate that is then closed.</summary>
    /// <returns>The socket, or <see langword="null"/> with <paramref name="reason"/> when it is no IP socket a server can use.</returns>
    public static InheritedSocket? Inspect(int descriptor, string name, out string reason)
    {
        using Socket? socket = Duplicate(descriptor, out _, out reason);
        if (socket is null)
        {
            return null;
        }

        if (socket.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            reason = $"it is a {socket.AddressFamily} socket, not an IP one";
            return null;
        }

        if (socket.SocketType is not (SocketType.Stream or SocketType.Dgram))
        {
            reason = $"it is a {socket.SocketType} socket, neither a stream (TCP) nor a datagram (UDP) one";
            return null;
        }

        if (socket.LocalEndPoint is not IPEndPoint localEndPoint || localEndPoint.Port == 0)
        {
            reason = "it is not bound to a port";
            return null;
        }

        bool? v6Only = socket.AddressFamily == AddressFamily.InterNetworkV6
            ? (int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only)! != 0
            : null;
        reason = string.Empty;
        return new InheritedSocket(descriptor, name, socket.SocketType, socket.AddressFamily, localEndPoint, v6Only);
    }

    /// <summary>Hands a server its own copy of the socket, which it owns and closes.</summary>
    /// <exception cref="SocketException">The descriptor could not be duplicated.</exception>
    public Socket Lend()
    {
        Socket socket = Duplicate(Descriptor, out SafeSocketHandle? handle, out string reason)
            ?? throw new SocketException((int)SocketError.SocketError, $"Duplicating inherited descriptor {Descriptor} failed: {reason}");
        _lent = handle;
        return socket;
    }

    public override string ToString()
    {
        string dualStack = V6Only is bool v6Only ? (v6Only ? " IPV6_V6ONLY" : " dual-stack") : string.Empty;
        return $"{Transport} {LocalEndPoint}{dualStack} (fd {Descriptor} \"{Name}\")";
    }

    private static Socket? Duplicate(int descriptor, out SafeSocketHandle? handle, out string reason)
    {
        handle = null;
        int duplicate = Libc.DuplicateCloseOnExec(descriptor, out int error);
        if (duplicate < 0)
        {
            reason = $"duplicating it failed with errno {error}";
            return null;
        }

        // Held here rather than read back through Socket.SafeHandle, which marks the handle as exposed to user code.
        handle = new SafeSocketHandle(duplicate, ownsHandle: true);
        try
        {
            reason = string.Empty;
            return new Socket(handle);
        }
        catch (SocketException e)
        {
            handle.Dispose();
            handle = null;
            reason = $"it is not a socket ({e.SocketErrorCode}: {e.Message})";
            return null;
        }
    }
}
