using System.Net;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

// UDP replies, receive buffers and kernel drops take 420-429, apart from the receive loop's 40x.
internal static partial class Log
{
    [LoggerMessage(420, LogLevel.Debug, "{Server}: the reply to {RemoteEndPoint} left from the address the OS picked: {LocalAddress}, where the datagram was sent, was refused as its source ({Error})")]
    public static partial void ReplySourceRefused(ILogger logger, string server, IPEndPoint remoteEndPoint, IPAddress localAddress, string error);

    [LoggerMessage(421, LogLevel.Information, "{Server}: receive buffer of {EndPoint} is {Granted} bytes, for {Requested} asked (Linux doubles the request for its bookkeeping)")]
    public static partial void ReceiveBufferGranted(ILogger logger, string server, IPEndPoint endPoint, int requested, int granted);

    [LoggerMessage(422, LogLevel.Warning, "{Server}: receive buffer of {EndPoint} is {Granted} bytes, less than the {Requested} asked: {Reason}")]
    public static partial void ReceiveBufferCapped(ILogger logger, string server, IPEndPoint endPoint, int requested, int granted, string reason);

    [LoggerMessage(423, LogLevel.Debug, "{Server}: datagrams the OS drops for a full receive buffer are not counted here: {Reason}")]
    public static partial void KernelDropsNotCounted(ILogger logger, string server, string reason);
}
