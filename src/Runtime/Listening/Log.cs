using System;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>The runtime's log messages. Event ids are stable: 1xx listening, 2xx accepting.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Listening on {EndPoints} (host \"{Host}\", mode {Mode})")]
    public static partial void Listening(ILogger logger, string endPoints, string host, ListenMode mode);

    [LoggerMessage(101, LogLevel.Information, "Host \"\" is the legacy spelling of any address; listening as \"*\"")]
    public static partial void LegacyEmptyHost(ILogger logger);

    [LoggerMessage(102, LogLevel.Debug, "Socket capabilities: IPv4 {IPv4}, IPv6 {IPv6}, dual-stack {DualStack}")]
    public static partial void Capabilities(ILogger logger, bool iPv4, bool iPv6, bool dualStack);

    [LoggerMessage(103, LogLevel.Warning, "{Family} is not available on this system, so host \"{Host}\" is served on {Served} only")]
    public static partial void FamilyUnavailable(ILogger logger, string family, string host, string served);

    [LoggerMessage(104, LogLevel.Warning, "This system has no dual-stack sockets (IPV6_V6ONLY=0 refused: {Error}); listening on [::] and 0.0.0.0 separately")]
    public static partial void DualStackUnavailable(ILogger logger, string error);

    [LoggerMessage(105, LogLevel.Warning, "Skipped {EndPoint} ({Family}): {Error}")]
    public static partial void BindSkipped(ILogger logger, string endPoint, string family, string error);

    [LoggerMessage(106, LogLevel.Debug, "Resolved host \"{Host}\" to {Addresses}")]
    public static partial void Resolved(ILogger logger, string host, string addresses);

    [LoggerMessage(107, LogLevel.Debug, "Port {Port}, picked by the OS for the first socket, is taken for {EndPoint}; binding every socket again on a new port (attempt {Attempt})")]
    public static partial void EphemeralPortCollision(ILogger logger, int port, string endPoint, int attempt);

    [LoggerMessage(200, LogLevel.Debug, "Accept on {EndPoint} failed transiently ({Error}); accepting again")]
    public static partial void AcceptFailedTransiently(ILogger logger, string endPoint, string error);

    [LoggerMessage(201, LogLevel.Debug, "Accept on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, string endPoint, Exception exception);
}
