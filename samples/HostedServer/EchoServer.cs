using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Samples.Hosted;

/// <summary>
/// Echoes every byte back. Host, port and mode come from the "EchoServer" section of the configuration
/// (appsettings.json, environment, command line); the attribute's values are the defaults.
/// </summary>
[TcpServer("::", 9080, Mode = ListenMode.DualStack)]
public partial class EchoServer
{
    private readonly ILogger<EchoServer> _logger;

    // Called by the generated AddEchoServer factory with the logger from the host's services.
    public EchoServer(ILogger<EchoServer> logger) => _logger = logger;

    private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        _logger.LogInformation("{RemoteEndPoint} connected", connection.RemoteEndPoint.ToDisplayString());
        try
        {
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or the host is stopping: either way this connection is done.
        }
    }
}
