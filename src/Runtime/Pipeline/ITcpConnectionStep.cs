using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// One step of the connection pipeline: runs on each accepted TCP connection, in the order of
/// <see cref="TcpServerOptions.ConnectionSteps"/>, after the accept and before the handler. A step can read from or
/// wrap the connection (a PROXY protocol header, TLS), look at its normalized addresses (an allow/deny list), or
/// refuse it: the connection is then closed without the handler, and the refusal logged at Debug and counted in
/// <c>dualstackgen.connections.rejected</c> with the reason as <c>error.type</c>.
/// </summary>
/// <remarks>
/// A step that throws refuses the connection too, with the exception's type as the reason. Steps run concurrently
/// for different connections, so they must be thread-safe. With no step configured the pipeline costs nothing: no
/// allocation, no extra asynchronous call per connection.
/// </remarks>
public interface ITcpConnectionStep
{
    /// <summary>Processes one connection.</summary>
    /// <param name="connection">The connection, with its normalized endpoints.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns><see cref="StepVerdict.Continue"/>, or a <see cref="StepVerdict.Refuse(string)"/> with the reason.</returns>
    ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken);
}
