using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Samples.Proxied;

/// <summary>
/// An echo server meant to run behind HAProxy (see haproxy.cfg): it greets each client with the address it sees,
/// the client's own from the PROXY header, and the proxy's, then echoes.
/// </summary>
[TcpServer("::", 8081, Mode = ListenMode.DualStack)]
public partial class ProxiedEcho
{
    private static async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        string via = connection.ProxyEndPoint is { } proxy ? "proxy " + proxy.ToDisplayString() : "no proxy";
        if (connection.ProxyHeader is { IsLocal: true })
        {
            // HAProxy's health check (check-send-proxy with send-proxy-v2 sends LOCAL): answer it like a client.
            Console.WriteLine($"health check from {via}");
        }
        else
        {
            Console.WriteLine($"{connection.RemoteEndPoint.ToDisplayString()} connected via {via}");
        }

        try
        {
            byte[] greeting = Encoding.ASCII.GetBytes($"hello {connection.RemoteEndPoint.ToDisplayString()} via {via} at :{connection.LocalEndPoint.Port}\n");
            await connection.Stream.WriteAsync(greeting, cancellationToken);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client (or the health check) went away, or the server is stopping.
        }
    }
}
