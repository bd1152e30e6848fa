using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The runtime's log messages. Event ids are stable: 1xx listening, 2xx accepting, 3xx serving TCP
/// (<see cref="TcpServerRunner"/>), 4xx serving UDP (<see cref="UdpServerRunner"/>). Endpoints are passed normalized,
/// as <see cref="IPEndPoint"/>s, so nothing is formatted when the level is off.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Listening on {EndPoints} (host \"{Host}\", mode {Mode})")]
    public static partial void Listening(ILogger logger, string endPoints, string host, ListenMode mode);

    // 101 was "Host \"\" is the legacy spelling of any address": an empty host is refused now; the id is not reused.

    [LoggerMessage(102, LogLevel.Debug, "Socket capabilities: IPv4 {IPv4}, IPv6 {IPv6}, dual-stack {DualStack}")]
    public static partial void Capabilities(ILogger logger, bool iPv4, bool iPv6, bool dualStack);

    [LoggerMessage(103, LogLevel.Warning, "{Family} is not available on this system, so host \"{Host}\" is served on {Served} only")]
    public static partial void FamilyUnavailable(ILogger logger, string family, string host, string served);

    [LoggerMessage(104, LogLevel.Warning, "This system has no dual-stack sockets (IPV6_V6ONLY=0 refused: {Error}); listening on {Fallback} separately")]
    public static partial void DualStackUnavailable(ILogger logger, string error, string fallback);

    [LoggerMessage(105, LogLevel.Warning, "Skipped {EndPoint} ({Family}): {Error}")]
    public static partial void BindSkipped(ILogger logger, string endPoint, string family, string error);

    [LoggerMessage(108, LogLevel.Warning, "Skipped {EndPoint} ({Family}): {Error}; binding {Fallback} instead")]
    public static partial void BindFellBack(ILogger logger, string endPoint, string family, string error, string fallback);

    [LoggerMessage(106, LogLevel.Debug, "Resolved host \"{Host}\" to {Addresses}")]
    public static partial void Resolved(ILogger logger, string host, string addresses);

    [LoggerMessage(107, LogLevel.Debug, "Port {Port}, picked by the OS for the first socket, is taken for {EndPoint}; binding every socket again on a new port (attempt {Attempt})")]
    public static partial void EphemeralPortCollision(ILogger logger, int port, string endPoint, int attempt);

    [LoggerMessage(200, LogLevel.Debug, "Accept on {EndPoint} failed transiently ({Error}); accepting again")]
    public static partial void AcceptFailedTransiently(ILogger logger, string endPoint, string error);

    [LoggerMessage(201, LogLevel.Debug, "Accept on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, string endPoint, Exception exception);

    [LoggerMessage(307, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} refused by {Step}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, string step, string reason, Exception? exception);

    [LoggerMessage(407, LogLevel.Debug, "{Server}: datagram from {RemoteEndPoint} to {LocalAddress} refused by {Filter}: {Reason}")]
    public static partial void DatagramRefused(ILogger logger, string server, IPEndPoint remoteEndPoint, IPAddress localAddress, string filter, string reason, Exception? exception);

    [LoggerMessage(300, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} to {LocalEndPoint} opened")]
    public static partial void ConnectionOpened(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, IPEndPoint localEndPoint);

    [LoggerMessage(301, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} closed")]
    public static partial void ConnectionClosed(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint);

    [LoggerMessage(302, LogLevel.Warning, "{Server}: the handler of connection {ConnectionId} from {RemoteEndPoint} failed; that connection is closed, the server keeps serving")]
    public static partial void ConnectionHandlerFailed(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, Exception exception);

    [LoggerMessage(303, LogLevel.Debug, "{Server}: the handler of connection {ConnectionId} from {RemoteEndPoint} ended with an error after the server closed the connection on stopping")]
    public static partial void ConnectionHandlerFailedAfterClose(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, Exception exception);

    [LoggerMessage(304, LogLevel.Error, "{Server}: accepting on {EndPoints} failed; retrying")]
    public static partial void ServerAcceptFailed(ILogger logger, string server, string endPoints, Exception exception);

    [LoggerMessage(305, LogLevel.Warning, "{Server}: {Count} connection(s) still open {StopTimeout} after stopping was requested; closed them")]
    public static partial void ConnectionsForceClosed(ILogger logger, string server, int count, TimeSpan stopTimeout);

    [LoggerMessage(308, LogLevel.Debug, "{Server}: could not wake the accept on {EndPoint} with a connection of its own ({Reason}); cancelling it instead")]
    public static partial void AcceptWakeUpFailed(ILogger logger, string server, string endPoint, string reason);

    [LoggerMessage(306, LogLevel.Information, "{Server}: stopped")]
    public static partial void TcpServerStopped(ILogger logger, string server);

    [LoggerMessage(400, LogLevel.Warning, "{Server}: the handler of a datagram from {RemoteEndPoint} to {LocalAddress} failed; receiving continues")]
    public static partial void DatagramHandlerFailed(ILogger logger, string server, IPEndPoint remoteEndPoint, IPAddress localAddress, Exception exception);

    [LoggerMessage(401, LogLevel.Debug, "{Server}: dropped a datagram from {RemoteEndPoint} longer than MaxDatagramSize ({MaxDatagramSize} bytes)")]
    public static partial void DatagramTruncated(ILogger logger, string server, IPEndPoint remoteEndPoint, int maxDatagramSize);

    [LoggerMessage(402, LogLevel.Debug, "{Server}: receiving on {EndPoint} failed transiently ({Error}); receiving again")]
    public static partial void ReceiveFailedTransiently(ILogger logger, string server, IPEndPoint endPoint, string error);

    [LoggerMessage(403, LogLevel.Error, "{Server}: receiving on {EndPoint} failed; that socket no longer receives")]
    public static partial void ReceiveFailed(ILogger logger, string server, IPEndPoint endPoint, Exception exception);

    [LoggerMessage(406, LogLevel.Warning, "{Server}: receiving on {EndPoint} failed; receiving again shortly")]
    public static partial void ReceiveFailedRetrying(ILogger logger, string server, IPEndPoint endPoint, Exception exception);

    [LoggerMessage(404, LogLevel.Warning, "{Server}: {Count} datagram handler(s) still running {StopTimeout} after stopping was requested; closed the sockets under them")]
    public static partial void DatagramHandlersAbandoned(ILogger logger, string server, int count, TimeSpan stopTimeout);

    [LoggerMessage(405, LogLevel.Information, "{Server}: stopped")]
    public static partial void UdpServerStopped(ILogger logger, string server);
}
