using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>The TLS step's log messages; event ids 8xx, stable.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(800, LogLevel.Debug, "{Server}: TLS handshake of connection {ConnectionId} from {RemoteEndPoint} failed: {Error}")]
    public static partial void HandshakeFailed(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, string error, Exception exception);

    [LoggerMessage(801, LogLevel.Debug, "{Server}: TLS handshake of connection {ConnectionId} from {RemoteEndPoint} did not finish within {HandshakeTimeout}")]
    public static partial void HandshakeTimedOut(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, TimeSpan handshakeTimeout);

    [LoggerMessage(802, LogLevel.Debug, "{Server}: connection {ConnectionId} from {RemoteEndPoint} negotiated {Session}")]
    public static partial void HandshakeCompleted(ILogger logger, string server, long connectionId, IPEndPoint remoteEndPoint, TlsConnectionInfo session);

    [LoggerMessage(803, LogLevel.Information, "{Server}: TLS on, certificate {Subject} (thumbprint {Thumbprint}, valid {NotBefore:u} to {NotAfter:u}) from {Source}")]
    public static partial void Enabled(ILogger logger, string server, string subject, string thumbprint, DateTime notBefore, DateTime notAfter, string source);

    [LoggerMessage(804, LogLevel.Warning, "{Server}: the TLS certificate {Subject} is valid only from {NotBefore:u} to {NotAfter:u}, not now; clients that validate it refuse the handshake")]
    public static partial void CertificateNotCurrentlyValid(ILogger logger, string server, string subject, DateTime notBefore, DateTime notAfter);

    [LoggerMessage(805, LogLevel.Information, "{Server}: TLS on, handshake options from {Source}")]
    public static partial void EnabledWithOptions(ILogger logger, string server, string source);
}
