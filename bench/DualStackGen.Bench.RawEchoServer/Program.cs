using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Bench;

// The baseline the generated EchoServer is measured against: the least a hand-written .NET dual-stack echo server
// does, with nothing of DualStackGen in it.
if (ServerCommandLine.ParsePort(args, "RawEchoServer") is not int port)
{
    return 2;
}

using CancellationTokenSource stopping = ServerCommandLine.StopOnCtrlC();

using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
listener.Listen(512);
Console.WriteLine($"Echo server on {listener.LocalEndPoint}; Ctrl+C stops it.");

while (!stopping.IsCancellationRequested)
{
    Socket client;
    try
    {
        client = await listener.AcceptAsync(stopping.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    _ = EchoAsync(client);
}

return 0;

static async Task EchoAsync(Socket client)
{
    await Task.Yield();
    using (client)
    {
        client.NoDelay = true;
        byte[] buffer = new byte[4096];
        try
        {
            while (true)
            {
                // AsMemory picks the ValueTask overload: a bare byte[] binds to the ArraySegment one, which allocates
                // a Task per receive and would make the baseline slower than a careful hand-written server.
                int received = await client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
                if (received == 0)
                {
                    return;
                }

                int sent = 0;
                while (sent < received)
                {
                    sent += await client.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None);
                }
            }
        }
        catch (SocketException)
        {
            // The client reset the connection: it is done either way.
        }
    }
}
