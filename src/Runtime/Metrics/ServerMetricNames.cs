namespace DualStackGen;

/// <summary>
/// The names <see cref="TcpServerRunner"/> and <see cref="UdpServerRunner"/> record metrics under
/// (<c>System.Diagnostics.Metrics</c>, OpenTelemetry naming): the meter, its instruments, their tags and the
/// <c>error.type</c> values of this library's own. Subscribe to <see cref="MeterName"/>, for example with
/// OpenTelemetry's <c>AddMeter("DualStackGen")</c> or <c>dotnet-counters monitor --counters DualStackGen</c>.
/// </summary>
/// <remarks>
/// Every measurement carries <see cref="ServerNameTag"/> and <see cref="NetworkTransportTag"/>; those about one peer
/// carry <see cref="NetworkTypeTag"/> as well, the family of the peer's normalized address (an IPv4 client of a
/// dual-stack socket is <c>ipv4</c>). A failure is tagged with <see cref="ErrorTypeTag"/>: the full name of the
/// exception's type, or one of the values below.
/// </remarks>
public static class ServerMetricNames
{
    /// <summary>The meter's name: <c>DualStackGen</c>.</summary>
    public const string MeterName = "DualStackGen";

    /// <summary>
    /// Counter of TCP connections accepted and handed to the handler (<c>{connection}</c>). Tags: server name,
    /// transport, network type.
    /// </summary>
    public const string ConnectionsAccepted = "dualstackgen.connections.accepted";

    /// <summary>
    /// Up-down counter of TCP connections open (<c>{connection}</c>): one more when a connection is accepted, one
    /// fewer when it is closed, by its handler returning or by the stop. Tags: server name, transport, network type.
    /// </summary>
    public const string ConnectionsActive = "dualstackgen.connections.active";

    /// <summary>
    /// Histogram of the time from a TCP connection's accept to its close, in seconds (<c>s</c>). Tags: server name,
    /// transport, network type, and <see cref="ErrorTypeTag"/> when the connection ended in failure.
    /// </summary>
    public const string ConnectionDuration = "dualstackgen.connection.duration";

    /// <summary>
    /// Counter of TCP connections the OS accepted but the server closed without running the handler, because the
    /// server had begun to stop while they waited for a handler slot or went through a connection step, or had given
    /// up waiting for its handlers (<c>{connection}</c>); one accepted just as the stop began still reaches the
    /// handler. Tags: server name, transport, network type.
    /// Also counted here, with their <see cref="ErrorTypeTag"/>: connections over
    /// <see cref="TcpServerOptions.MaxConnectionsPerAddress"/> (<see cref="MaxConnectionsPerAddressErrorType"/>) and
    /// queued connections closed while the server was out of descriptors (<see cref="DescriptorsExhaustedErrorType"/>).
    /// </summary>
    public const string ConnectionsRejected = "dualstackgen.connections.rejected";

    /// <summary>
    /// Counter of TCP connections that ended in failure, and of accepts that failed (<c>{connection}</c>): the
    /// handler threw, the connection was closed at the stop timeout (<see cref="StopTimeoutErrorType"/>), or the OS
    /// reported an error on accept. Tags: server name, transport, <see cref="ErrorTypeTag"/>, and network type except
    /// for a failed accept, which has no peer.
    /// </summary>
    public const string ConnectionsFailed = "dualstackgen.connections.failed";

    /// <summary>
    /// Counter of UDP datagrams received (<c>{datagram}</c>), those dropped for their size included. Tags: server
    /// name, transport, network type.
    /// </summary>
    public const string DatagramsReceived = "dualstackgen.datagrams.received";

    /// <summary>
    /// Counter of UDP datagrams not served (<c>{datagram}</c>): the handler threw, or the datagram was longer than
    /// <see cref="UdpServerOptions.MaxDatagramSize"/> and was dropped (<see cref="DatagramTooLargeErrorType"/>).
    /// Tags: server name, transport, network type, <see cref="ErrorTypeTag"/>.
    /// </summary>
    public const string DatagramsFailed = "dualstackgen.datagrams.failed";

    /// <summary>
    /// Observable counter of UDP datagrams the OS dropped before the server could receive them (<c>{datagram}</c>),
    /// mostly because the socket's receive buffer was full (see <see cref="UdpServerOptions.ReceiveBufferSize"/>):
    /// the sum of the kernel's per-socket drop counters, read when a listener collects, never per datagram. Linux only
    /// (Linux 4.12 or later); elsewhere the server records nothing and logs why at start. Tags: server name, transport.
    /// </summary>
    public const string DatagramsDropped = "dualstackgen.datagrams.dropped";

    /// <summary>The tag naming the server: the runner's <see cref="TcpServerRunner.ServerName"/> or <see cref="UdpServerRunner.ServerName"/>.</summary>
    public const string ServerNameTag = "dualstackgen.server.name";

    /// <summary>The OpenTelemetry tag for the transport: <c>tcp</c> or <c>udp</c>.</summary>
    public const string NetworkTransportTag = "network.transport";

    /// <summary>The OpenTelemetry tag for the peer's family, after normalization: <c>ipv4</c> or <c>ipv6</c>.</summary>
    public const string NetworkTypeTag = "network.type";

    /// <summary>The OpenTelemetry tag for what a failure was.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The <see cref="ErrorTypeTag"/> of a connection still open when the stop timeout ran out, and closed by the stop.</summary>
    public const string StopTimeoutErrorType = "stop_timeout";

    /// <summary>
    /// Counter of the episodes in which a TCP server's accepts failed for want of file descriptors or socket buffers
    /// (EMFILE, ENFILE, ENOBUFS, ENOMEM) and the server paused accepting (<c>{episode}</c>): failures less than 5 s
    /// apart are one episode. Tags: server name, transport, <see cref="ErrorTypeTag"/> (the <see cref="System.Net.Sockets.SocketError"/> name).
    /// </summary>
    public const string AcceptPauses = "dualstackgen.accept.pauses";

    /// <summary>
    /// The <see cref="ErrorTypeTag"/> of a queued connection closed unserved while the server was out of file
    /// descriptors (counted in <see cref="ConnectionsRejected"/>).
    /// </summary>
    public const string DescriptorsExhaustedErrorType = "descriptors_exhausted";

    /// <summary>
    /// The <see cref="ErrorTypeTag"/> of a connection from an address that already had
    /// <see cref="TcpServerOptions.MaxConnectionsPerAddress"/> connections open, closed unserved (counted in <see cref="ConnectionsRejected"/>).
    /// </summary>
    public const string MaxConnectionsPerAddressErrorType = "max_connections_per_address";

    /// <summary>
    /// The <see cref="ErrorTypeTag"/> of a connection closed because no byte was received or sent for
    /// <see cref="TcpServerOptions.IdleTimeout"/> (counted in <see cref="ConnectionsFailed"/> and <see cref="ConnectionDuration"/>).
    /// </summary>
    public const string IdleTimeoutErrorType = "idle_timeout";

    /// <summary>
    /// The <see cref="ErrorTypeTag"/> of a connection closed because its first byte did not arrive within
    /// <see cref="TcpServerOptions.FirstByteTimeout"/> (counted in <see cref="ConnectionsFailed"/> and <see cref="ConnectionDuration"/>).
    /// </summary>
    public const string FirstByteTimeoutErrorType = "first_byte_timeout";

    /// <summary>The <see cref="ErrorTypeTag"/> of a datagram longer than <see cref="UdpServerOptions.MaxDatagramSize"/>, dropped unhandled.</summary>
    public const string DatagramTooLargeErrorType = "datagram_too_large";
}
