using System.Net;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

// UDP replies, receive buffers and kernel drops take 420-429, apart from the receive loop's 40x.
internal static partial class Log
{
    [LoggerMessage(420, LogLevel.Debug, "{Server}: the reply to {RemoteEndPoint} left from the address the OS picked: {LocalAddress}, where the datagram was sent, was refused as its source ({Error})")]
    public static partial void ReplySourceRefused(ILogger logger, string server, IPEndPoint remoteEndPoint, IPAddress localAddress, string error);
}
