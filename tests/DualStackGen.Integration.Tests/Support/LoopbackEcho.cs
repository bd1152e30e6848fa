using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Support;

/// <summary>Round trips to the echo servers under test over a loopback address, each bounded by a timeout.</summary>
internal static class LoopbackEcho
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends <paramref name="text"/> over TCP and asserts it comes back.</summary>
    /// <returns>The client's local port, to find it in the server's output.</returns>
    public static async Task<int> TcpAsync(IPAddress address, int port, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        byte[] sent = Encoding.UTF8.GetBytes(text);
        await client.SendAsync(sent, timeout.Token);
        byte[] received = new byte[sent.Length];
        int total = 0;
        while (total < received.Length)
        {
            int read = await client.ReceiveAsync(received.AsMemory(total), timeout.Token);
            Assert.NotEqual(0, read);
            total += read;
        }

        Assert.Equal(text, Encoding.UTF8.GetString(received));
        return ((IPEndPoint)client.LocalEndPoint!).Port;
    }

    /// <summary>Sends <paramref name="text"/> in a datagram and asserts it comes back from the address and port it was sent to.</summary>
    /// <returns>The client's local port, to find it in the server's output.</returns>
    public static async Task<int> UdpAsync(IPAddress address, int port, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(address, 0));
        byte[] sent = Encoding.UTF8.GetBytes(text);
        await client.SendToAsync(sent, new IPEndPoint(address, port), timeout.Token);

        byte[] received = new byte[1024];
        EndPoint anySender = new IPEndPoint(address.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        SocketReceiveFromResult reply = await client.ReceiveFromAsync(received, anySender, timeout.Token);

        Assert.Equal(text, Encoding.UTF8.GetString(received, 0, reply.ReceivedBytes));
        Assert.Equal(new IPEndPoint(address, port), reply.RemoteEndPoint);
        return ((IPEndPoint)client.LocalEndPoint!).Port;
    }

    /// <summary>Asserts that nothing listens on <paramref name="address"/> at <paramref name="port"/>.</summary>
    public static async Task AssertRefusedAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        SocketException refused = await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }
}
