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
    private static async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{connection.RemoteEndPoint.ToDisplayString()} connected");
        try
        {
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or the server is stopping: either way this connection is done.
        }
    }
}
