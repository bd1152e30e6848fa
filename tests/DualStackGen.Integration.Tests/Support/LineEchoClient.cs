using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Support;

/// <summary>A client for the line-echo servers under test: one line sent, the same line expected back.</summary>
internal static class LineEchoClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task EchoAsync(IPAddress address, int port, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        await client.SendAsync(Encoding.UTF8.GetBytes(text + "\n"), timeout.Token);
        var received = new StringBuilder();
        byte[] buffer = new byte[256];
        while (!received.ToString().EndsWith('\n'))
        {
            int read = await client.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.Equal(text, received.ToString().TrimEnd('\r', '\n'));
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
