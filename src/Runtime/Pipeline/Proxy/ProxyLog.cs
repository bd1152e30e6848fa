using System.Net;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>The log messages of the PROXY protocol step: event ids 13xx.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1300, LogLevel.Debug, "{Server}: connection {ConnectionId} from proxy {ProxyEndPoint} is {RemoteEndPoint} ({Header})")]
    public static partial void HeaderRead(ILogger logger, string server, long connectionId, IPEndPoint proxyEndPoint, IPEndPoint remoteEndPoint, ProxyHeader header);
}
