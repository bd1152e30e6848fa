using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Runtime.Tests.Support;

/// <summary>Real clients on 127.0.0.1 and ::1 against real listeners.</summary>
internal static class Loopback
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects to <paramref name="address"/>:<paramref name="port"/>, has the set accept it, and sends one byte each way.</summary>
    /// <returns>The remote endpoint of the accepted connection as the server sees it (not normalized).</returns>
    public static async Task<IPEndPoint> ConnectAndAcceptAsync(TcpListenerSet listeners, IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        using Socket accepted = await listeners.AcceptAsync(timeout.Token);
        await client.SendAsync(new byte[] { 42 }, timeout.Token);
        byte[] buffer = new byte[1];
        Assert.Equal(1, await accepted.ReceiveAsync(buffer, timeout.Token));
        Assert.Equal(42, buffer[0]);
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, ((IPEndPoint)accepted.RemoteEndPoint!).Port);
        return (IPEndPoint)accepted.RemoteEndPoint!;
    }

    /// <summary>Connects to <paramref name="address"/>:<paramref name="port"/> and returns the OS error, or Success.</summary>
    public static async Task<SocketError> TryConnectAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    /// <summary>
    /// A socket bound to <paramref name="address"/> on a port the OS picks, never listening: while it is held, nothing
    /// else can listen on that address and port (another test process included), and a client connecting there is
    /// refused. A test that asserts one family is refused picks its port this way, for the other family's listener.
    /// </summary>
    public static Socket HoldUnlistenedPort(IPAddress address, out int port)
    {
        var held = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            held.DualMode = false;
        }

        held.Bind(new IPEndPoint(address, 0));
        port = ((IPEndPoint)held.LocalEndPoint!).Port;
        return held;
    }

    public static int V6Only(Socket socket) => (int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only)!;

    /// <summary>Describes a socket as the matrix tests spell it: <c>[::] v6only=0</c>, <c>0.0.0.0</c>.</summary>
    public static string Describe(Socket socket)
    {
        var local = (IPEndPoint)socket.LocalEndPoint!;
        return socket.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{local.Address}] v6only={V6Only(socket)}"
            : local.Address.ToString();
    }
}
