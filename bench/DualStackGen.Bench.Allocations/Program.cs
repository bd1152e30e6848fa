using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Bench.Allocations;

// Bytes allocated per echoed request, server and client in one process: unlike requests per second, this does not
// move with the load on the machine, so it shows what the engine adds per request even on a noisy 2-core VM. The
// client uses the ValueTask socket overloads and allocates nothing per request itself, so the figure is the server's.
const int Connections = 64;
const int WarmupRequests = 500;
const int MeasuredRequests = 5000;

Console.WriteLine($"| server | bytes allocated per request ({Connections} connections, {MeasuredRequests} requests each, 64-byte messages) |");
Console.WriteLine("|---|---:|");
foreach (string name in EchoServers.Names)
{
    (IAsyncDisposable server, int port) = await EchoServers.StartAsync(name);
    await using (server)
    {
        var clients = new Socket[Connections];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await clients[i].ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        }

        await Task.WhenAll(clients.Select(client => Task.Run(() => EchoRequestsAsync(client, WarmupRequests))));
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await Task.WhenAll(clients.Select(client => Task.Run(() => EchoRequestsAsync(client, MeasuredRequests))));
        long after = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {(after - before) / (double)(Connections * MeasuredRequests):0.0} |"));

        foreach (Socket client in clients)
        {
            client.Dispose();
        }
    }
}

return 0;

static async Task EchoRequestsAsync(Socket client, int requests)
{
    byte[] message = new byte[64];
    byte[] echo = new byte[64];
    for (int request = 0; request < requests; request++)
    {
        message[0] = (byte)request;
        await client.SendAsync(message.AsMemory(), SocketFlags.None);
        int received = 0;
        while (received < echo.Length)
        {
            int read = await client.ReceiveAsync(echo.AsMemory(received), SocketFlags.None);
            received += read > 0 ? read : throw new InvalidOperationException("the server closed the connection");
        }

        if (!echo.AsSpan().SequenceEqual(message))
        {
            throw new InvalidOperationException("the echo differs from the message");
        }
    }
}
