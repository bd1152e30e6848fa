using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>Client-side steps against a server on a loopback address, each bounded by <see cref="WaitLimit"/>.</summary>
internal static class LoopbackClient
{
    // Generous: CI runs the four test projects at once on two cores, and a passing step never waits for the limit.
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public static async Task<Socket> ConnectAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        return client;
    }

    public static async Task SendAsync(Socket client, string text)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        await client.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, timeout.Token);
    }

    public static async Task<string> ReceiveAsync(Socket client, int length)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        byte[] received = new byte[length];
        int total = 0;
        while (total < length)
        {
            int read = await client.ReceiveAsync(received.AsMemory(total), SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, read);
            total += read;
        }

        return Encoding.UTF8.GetString(received);
    }

    /// <summary>Asserts that the server closed the connection: a read ends (0 bytes) or fails, within the timeout.</summary>
    public static async Task AssertClosedAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        try
        {
            Assert.Equal(0, await client.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token));
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }
    }

    public static async Task<string> NextAsync(Channel<string> records)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        return await records.Reader.ReadAsync(timeout.Token);
    }
}
