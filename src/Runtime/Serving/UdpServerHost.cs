namespace DualStackGen;

/// <summary>
/// A UDP server that can be started, stopped and started again, each start on a fresh <see cref="UdpServerRunner"/>;
/// see <see cref="ServerHost{TOptions, THandler}"/>. What a <c>[UdpServer]</c> class forwards its members to.
/// </summary>
/// <example>
/// <code>
/// await using var server = new UdpServerHost("Echo", new UdpServerOptions { Port = 8081 });
/// await server.StartAsync(static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken));
/// </code>
/// </example>
public sealed class UdpServerHost : ServerHost<UdpServerOptions, UdpDatagramHandler>
{
    /// <summary>Creates a stopped server.</summary>
    /// <param name="serverName">The server's name in log messages and metrics, such as the class's simple name.</param>
    /// <param name="options">Where and how to bind; read at each start.</param>
    /// <exception cref="System.ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="serverName"/> is empty.</exception>
    public UdpServerHost(string serverName, UdpServerOptions options)
        : base(serverName, options)
    {
    }

    private protected override IServerRun CreateRun(UdpDatagramHandler handler) => new UdpServerRunner(ServerName, Options, handler);
}
