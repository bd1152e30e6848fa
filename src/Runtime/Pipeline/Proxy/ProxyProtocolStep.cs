using System;
using System.Buffers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The PROXY protocol step: reads a version 1 or 2 header from a trusted proxy and makes the connection the client's.
/// </summary>
/// <remarks>
/// It takes exactly the header from the socket and not one byte more, because what follows (TLS, the handler) reads
/// the socket's own stream: it peeks (MSG_PEEK) to see how far the header goes, then receives that much. Bytes known
/// to be header are received as soon as they are peeked, so the next peek waits for new data instead of returning the
/// same bytes again; only in <see cref="ProxyProtocolMode.Optional"/> mode, while the first bytes are still a prefix of
/// a signature (and so could be the client's own data), it polls with a growing pause instead.
/// </remarks>
internal sealed class ProxyProtocolStep(string serverName, ProxyProtocolOptions options, ILogger logger) : ITcpConnectionStep
{
    public const string UntrustedPeerReason = "proxy_peer_untrusted";
    public const string UntrustedHeaderReason = "proxy_header_untrusted";
    public const string MissingReason = "proxy_header_missing";
    public const string TimeoutReason = "proxy_header_timeout";
    public const string TruncatedReason = "proxy_header_truncated";

    private readonly ProxyProtocolMode _mode = options.Mode;
    private readonly NetworkList _trusted = new(options.TrustedProxies);
    private readonly TimeSpan _headerTimeout = options.HeaderTimeout;
    private readonly int _maxTlvBytes = options.MaxTlvBytes;

    public async ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        bool trusted = _trusted.Contains(connection.RemoteEndPoint.Address);
        if (!trusted && _mode == ProxyProtocolMode.Required)
        {
            return StepVerdict.Refuse(UntrustedPeerReason);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ProxyHeaderParser.MaxHeaderLength(_maxTlvBytes));
        var deadline = new HeaderDeadline(_headerTimeout, cancellationToken);
        try
        {
            (StepVerdict verdict, ProxyHeader? header) = await ReadHeaderAsync(connection.Socket, buffer, trusted, deadline).ConfigureAwait(false);
            if (header is not null)
            {
                connection.ApplyProxyHeader(header);
                ProxyLog.HeaderRead(logger, serverName, connection.Id, connection.ProxyEndPoint!, connection.RemoteEndPoint, header);
            }

            return verdict;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StepVerdict.Refuse(TimeoutReason);
        }
        catch (SocketException)
        {
            return StepVerdict.Refuse(TruncatedReason);
        }
        finally
        {
            deadline.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<(StepVerdict Verdict, ProxyHeader? Header)> ReadHeaderAsync(Socket socket, byte[] buffer, bool trusted, HeaderDeadline deadline)
    {
        int limit = ProxyHeaderParser.MaxHeaderLength(_maxTlvBytes);
        int consumed = 0;
        int pause = 1;
        while (true)
        {
            CancellationToken cancellationToken = deadline.TokenFor(socket);
            int peeked = await socket.ReceiveAsync(buffer.AsMemory(consumed, limit - consumed), SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            if (peeked == 0)
            {
                // The peer closed: in Optional mode with nothing taken, the handler sees the end of the stream itself.
                return consumed == 0 && _mode == ProxyProtocolMode.Optional
                    ? (StepVerdict.Continue, null)
                    : (StepVerdict.Refuse(consumed == 0 ? MissingReason : TruncatedReason), null);
            }

            int available = consumed + peeked;
            ProxyParseResult result = ProxyHeaderParser.Parse(buffer.AsSpan(0, available), _maxTlvBytes);
            switch (result.Status)
            {
                case ProxyParseStatus.NoHeader:
                    return _mode == ProxyProtocolMode.Optional && consumed == 0
                        ? (StepVerdict.Continue, null)
                        : (StepVerdict.Refuse(consumed == 0 ? MissingReason : ProxyHeaderParser.InvalidReason), null);

                case ProxyParseStatus.Invalid:
                    return (StepVerdict.Refuse(trusted ? result.Reason! : UntrustedHeaderReason), null);

                case ProxyParseStatus.Complete:
                    if (!trusted)
                    {
                        return (StepVerdict.Refuse(UntrustedHeaderReason), null);
                    }

                    await ReceiveExactlyAsync(socket, buffer, consumed, result.HeaderLength - consumed, cancellationToken).ConfigureAwait(false);
                    return (StepVerdict.Continue, result.Header);

                default:
                    if (!trusted && result.SignatureConfirmed)
                    {
                        return (StepVerdict.Refuse(UntrustedHeaderReason), null);
                    }

                    if (result.SignatureConfirmed || _mode == ProxyProtocolMode.Required)
                    {
                        // Everything available is header (it was a prefix of one): take it, so the next peek waits for new bytes.
                        await ReceiveExactlyAsync(socket, buffer, consumed, available - consumed, cancellationToken).ConfigureAwait(false);
                        consumed = available;
                    }
                    else
                    {
                        // A few bytes that may yet be the client's own: they must stay in the socket, so wait and look again.
                        await Task.Delay(pause, deadline.Arm()).ConfigureAwait(false);
                        pause = Math.Min(pause * 2, 64);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The header timeout, armed only when the step must wait: a proxy sends its header with the connection's first
    /// segment, so usually the bytes are there already and no timer is created for the connection at all.
    /// </summary>
    private sealed class HeaderDeadline(TimeSpan timeout, CancellationToken stopping) : IDisposable
    {
        private CancellationTokenSource? _timeout;

        public CancellationToken TokenFor(Socket socket) => _timeout is null && socket.Available != 0 ? stopping : Arm();

        public CancellationToken Arm()
        {
            if (_timeout is null)
            {
                _timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                _timeout.CancelAfter(timeout);
            }

            return _timeout.Token;
        }

        public void Dispose() => _timeout?.Dispose();
    }

    private static async ValueTask ReceiveExactlyAsync(Socket socket, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            int received = await socket.ReceiveAsync(buffer.AsMemory(offset, count), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            offset += received;
            count -= received;
        }
    }
}
