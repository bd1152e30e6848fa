using System;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>The log messages of running until stopped (6xx): signals, the caller's token, the service manager.</summary>
internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Information, "{Server}: {Signal} received; stopping (handlers get up to {StopTimeout})")]
    public static partial void StopSignalReceived(ILogger logger, string server, string signal, TimeSpan stopTimeout);

    [LoggerMessage(601, LogLevel.Information, "{Server}: stop requested by the caller's token; stopping (handlers get up to {StopTimeout})")]
    public static partial void StopRequested(ILogger logger, string server, TimeSpan stopTimeout);

    [LoggerMessage(602, LogLevel.Debug, "{Server}: told the service manager {State} (NOTIFY_SOCKET {Address})")]
    public static partial void ServiceManagerNotified(ILogger logger, string server, string state, string address);

    [LoggerMessage(603, LogLevel.Warning, "{Server}: could not tell the service manager {State} (NOTIFY_SOCKET {Address}); serving regardless")]
    public static partial void ServiceManagerNotifyFailed(ILogger logger, string server, string state, string address, Exception exception);
}
