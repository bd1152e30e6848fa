using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Samples;

/// <summary>
/// Echoes every byte back, on IPv4 and IPv6 clients alike; everything but the handler is generated from the attribute.
/// </summary>
[TcpServer("::", 8080, Mode = ListenMode.DualStack)]
public partial class EchoServer
{
    // How long a stopping server waits for more bytes from a client before it closes the connection: long enough for
    // the client to send what it was sending and read the answer, short enough that idle clients do not hold the stop.
    private static readonly TimeSpan StopQuietPeriod = TimeSpan.FromMilliseconds(200);

    private static async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{connection.RemoteEndPoint.ToDisplayString()} connected");
        try
        {
            try
            {
                await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The server is stopping (perhaps since before this client was accepted): finish the exchange in
                // progress rather than cut it, so a restart drops no request.
                await EchoUntilQuietAsync(connection.Stream);
            }
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The client went away.
        }
    }

    private static async Task EchoUntilQuietAsync(Stream stream)
    {
        byte[] buffer = new byte[4096];
        while (true)
        {
            int read;
            using (var quiet = new CancellationTokenSource(StopQuietPeriod))
            {
                try
                {
                    read = await stream.ReadAsync(buffer, quiet.Token);
                }
                catch (OperationCanceledException) when (quiet.IsCancellationRequested)
                {
                    return;
                }
            }

            if (read == 0)
            {
                return;
            }

            await stream.WriteAsync(buffer.AsMemory(0, read));
        }
    }
}
