using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>Serves one accepted TCP connection; the connection is closed when the returned task completes.</summary>
/// <param name="connection">The connection; the runner disposes it after the handler returns.</param>
/// <param name="cancellationToken">Cancelled when the server stops; a handler that ignores it is closed after <see cref="ServerOptions.StopTimeout"/>.</param>
/// <returns>A task that completes when the connection is served.</returns>
public delegate ValueTask TcpConnectionHandler(TcpConnection connection, CancellationToken cancellationToken);
