using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The log messages of the TCP server's limits: descriptors, accept pauses, timeouts, per-address limits (event ids
/// 330-349).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(330, LogLevel.Warning, "{Server}: accepting on {EndPoint}: {Error}, out of file descriptors or socket buffers (soft descriptor limit {Limit}, {Open} connection(s) open); pausing accepts until a connection closes or a backoff passes, closing queued connections unserved meanwhile. Logged once per episode")]
    public static partial void AcceptPaused(ILogger logger, string server, string endPoint, string error, string limit, int open);

    [LoggerMessage(331, LogLevel.Debug, "{Server}: accepting on {EndPoint} again, {Elapsed} ms after the pause began: {Failures} failed accept(s), {Shed} queued connection(s) closed unserved")]
    public static partial void AcceptResumed(ILogger logger, string server, string endPoint, long elapsed, int failures, int shed);

    [LoggerMessage(332, LogLevel.Information, "Raised the soft file-descriptor limit (RLIMIT_NOFILE) from {From} to {To}, the hard limit")]
    public static partial void DescriptorLimitRaised(ILogger logger, long from, long to);

    [LoggerMessage(333, LogLevel.Warning, "Could not raise the soft file-descriptor limit (RLIMIT_NOFILE) from {From} to {To} (errno {Errno}); serving within {From}")]
    public static partial void DescriptorLimitNotRaised(ILogger logger, long from, long to, int errno);

    [LoggerMessage(334, LogLevel.Debug, "The soft file-descriptor limit (RLIMIT_NOFILE) is {Soft}, hard limit {Hard}: nothing to raise")]
    public static partial void DescriptorLimitAtMaximum(ILogger logger, long soft, long hard);

    [LoggerMessage(335, LogLevel.Warning, "getrlimit(RLIMIT_NOFILE) failed (errno {Errno}); the connection limit is not derived from the descriptor limit")]
    public static partial void DescriptorLimitUnreadable(ILogger logger, int errno);

    [LoggerMessage(336, LogLevel.Information, "{Server}: MaxConcurrentConnections is 0, so at most {Limit} connections are handled at once: the soft file-descriptor limit {Soft} less {Headroom} open already or kept for the runtime")]
    public static partial void ConnectionLimitDerived(ILogger logger, string server, int limit, long soft, long headroom);

    [LoggerMessage(337, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} closed: no byte received or sent for {IdleTimeout} (IdleTimeout)")]
    public static partial void ConnectionIdleClosed(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, TimeSpan idleTimeout);

    [LoggerMessage(338, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} closed: no byte received within {FirstByteTimeout} of its accept (FirstByteTimeout)")]
    public static partial void ConnectionFirstByteTimedOut(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, TimeSpan firstByteTimeout);

    [LoggerMessage(339, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} refused: {Address} already has {Limit} connection(s) open (MaxConnectionsPerAddress)")]
    public static partial void ConnectionPerAddressRefused(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, IPAddress address, int limit);

    [LoggerMessage(340, LogLevel.Warning, "{Server}: could not set the TCP keepalive options on connection {ConnectionId} from {RemoteEndPoint} ({Error}); serving it without them")]
    public static partial void KeepAliveNotSet(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, string error);

    [LoggerMessage(341, LogLevel.Debug, "{Server}: the handler of connection {ConnectionId} from {RemoteEndPoint} ended with an error after the server closed the connection ({Reason})")]
    public static partial void ConnectionHandlerFailedAfterTimeout(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, string reason, Exception exception);
}
