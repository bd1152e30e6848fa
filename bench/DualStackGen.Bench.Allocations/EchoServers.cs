using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Bench.Allocations;

/// <summary>The echo servers compared: a raw socket loop, and TcpServerRunner with each way a handler can echo.</summary>
internal static class EchoServers
{
    public static readonly string[] Names = ["raw socket loop", "runner + Socket", "runner + Stream", "runner + Transport"];

    /// <summary>Starts the named server on [::] and an OS-picked port.</summary>
    public static async Task<(IAsyncDisposable Server, int Port)> StartAsync(string name)
    {
        if (name == "raw socket loop")
        {
            var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            listener.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
            listener.Listen(512);
            _ = AcceptLoopAsync(listener);
            return (new RawServer(listener), ((IPEndPoint)listener.LocalEndPoint!).Port);
        }

        TcpConnectionHandler handler = name switch
        {
            "runner + Socket" => static (connection, cancellationToken) => EchoAsync(connection.Socket, cancellationToken),
            "runner + Stream" => static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)),
            "runner + Transport" => static (connection, cancellationToken) => EchoAsync(connection.Transport, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a server of this benchmark"),
        };
        var runner = new TcpServerRunner("Allocations", new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack }, handler);
        await runner.StartAsync();
        return (runner, runner.LocalEndPoints[0].Port);
    }

    private static async Task AcceptLoopAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                Socket client = await listener.AcceptAsync();
                client.NoDelay = true;
                _ = RawConnectionAsync(client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The benchmark closed the listener.
        }
    }

    private static async Task RawConnectionAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await EchoAsync(client, CancellationToken.None);
            }
            catch (SocketException)
            {
                // The benchmark closed the connection.
            }
        }
    }

    private static async ValueTask EchoAsync(Socket socket, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        while (true)
        {
            int received = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received), SocketFlags.None, cancellationToken);
        }
    }

    private static async ValueTask EchoAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult read = await transport.Input.ReadAsync(cancellationToken);
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
            {
                await transport.Output.WriteAsync(segment, cancellationToken);
            }

            transport.Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    private sealed class RawServer(Socket listener) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            listener.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
