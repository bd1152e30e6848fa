using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Samples.Tls;

/// <summary>
/// Echoes every byte back over TLS. The certificate, ALPN and the rest come from the "TlsEchoServer" section of the
/// configuration (the <c>Tls:</c> keys); the handler reads and writes plaintext and logs what each client negotiated.
/// </summary>
[TcpServer("::", 9443, Mode = ListenMode.DualStack)]
public partial class TlsEchoServer
{
    private readonly ILogger<TlsEchoServer> _logger;

    // Called by the generated AddTlsEchoServer factory with the logger from the host's services.
    public TlsEchoServer(ILogger<TlsEchoServer> logger) => _logger = logger;

    private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        string via = connection.ProxyEndPoint is { } proxy ? $" via {proxy.ToDisplayString()}" : string.Empty;
        _logger.LogInformation("{RemoteEndPoint}{Via} connected: {Tls}", connection.RemoteEndPoint.ToDisplayString(), via, connection.Tls?.ToString() ?? "plain TCP");
        try
        {
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or AuthenticationException)
        {
            // The client went away, broke the session, or the host is stopping: either way this connection is done.
        }
    }
}
