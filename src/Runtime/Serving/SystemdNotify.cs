using System;
using System.Net.Sockets;
using System.Text;

namespace DualStackGen;

/// <summary>
/// sd_notify: sends a service manager's state messages (<c>READY=1</c>, <c>STOPPING=1</c>) as one datagram to the Unix
/// socket named by <c>NOTIFY_SOCKET</c>, a path or, starting with <c>'@'</c>, a name in the abstract namespace.
/// </summary>
internal static class SystemdNotify
{
    public const string SocketVariable = "NOTIFY_SOCKET";

    /// <summary>The notify socket's address as given, or <see langword="null"/> when the process is not under a service manager that wants one.</summary>
    public static string? SocketAddress => Environment.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } address ? address : null;

    /// <summary>Sends <paramref name="state"/> (lines of <c>NAME=value</c>) to <paramref name="address"/>.</summary>
    /// <exception cref="SocketException">The datagram could not be sent.</exception>
    /// <exception cref="ArgumentException">The address is neither an absolute path nor an abstract name.</exception>
    public static void Send(string address, string state)
    {
        UnixDomainSocketEndPoint endPoint = ToEndPoint(address);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Connect(endPoint);
        socket.Send(Encoding.UTF8.GetBytes(state));
    }

    internal static UnixDomainSocketEndPoint ToEndPoint(string address)
    {
        if (address[0] == '@')
        {
            // The abstract namespace: .NET takes a leading NUL as the marker, as the kernel does.
            return new UnixDomainSocketEndPoint("\0" + address[1..]);
        }

        if (address[0] != '/')
        {
            throw new ArgumentException($"{SocketVariable} \"{address}\" is neither an absolute path nor an abstract socket name starting with '@'.", nameof(address));
        }

        return new UnixDomainSocketEndPoint(address);
    }
}
