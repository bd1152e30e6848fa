namespace DualStackGen;

/// <summary>
/// A TCP server that can be started, stopped and started again, each start on a fresh <see cref="TcpServerRunner"/>;
/// see <see cref="ServerHost{TOptions, THandler}"/>. What a <c>[TcpServer]</c> class forwards its members to.
/// </summary>
/// <example>
/// <code>
/// await using var server = new TcpServerHost("Echo", new TcpServerOptions { Port = 8080 });
/// await server.StartAsync(static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));
/// </code>
/// </example>
public sealed class TcpServerHost : ServerHost<TcpServerOptions, TcpConnectionHandler>
{
    /// <summary>Creates a stopped server.</summary>
    /// <param name="serverName">The server's name in log messages and metrics, such as the class's simple name.</param>
    /// <param name="options">Where and how to listen; read at each start.</param>
    /// <exception cref="System.ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="serverName"/> is empty.</exception>
    public TcpServerHost(string serverName, TcpServerOptions options)
        : base(serverName, options)
    {
    }

    private protected override IServerRun CreateRun(TcpConnectionHandler handler) => new TcpServerRunner(ServerName, Options, handler);
}
