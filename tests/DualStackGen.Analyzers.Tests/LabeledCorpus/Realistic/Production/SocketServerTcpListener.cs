using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Realistic.SocketServer;

/// <summary>A server's own logging abstraction (not Microsoft.Extensions.Logging).</summary>
public interface ILog
{
    void Info(string message);

    void Error(string message, Exception exception);
}

/// <summary>Opens the socket for one listen section and runs the accept loop.</summary>
public sealed class TcpSocketListener
{
    private readonly ListenOptions _options;
    private readonly ILog _log;
    private Socket? _listenSocket;
    private CancellationTokenSource? _cancellation;

    public TcpSocketListener(ListenOptions options, ILog log)
    {
        _options = options;
        _log = log;
    }

    public bool Start()
    {
        IPEndPoint endPoint = _options.ToEndPoint();
        var listenSocket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listenSocket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listenSocket.LingerState = new LingerOption(false, 0);
            if (_options.NoDelay)
            {
                listenSocket.NoDelay = true;
            }

            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listenSocket.DualMode = true;
            }

            listenSocket.Bind(endPoint);
            listenSocket.Listen(_options.BackLog);
            _listenSocket = listenSocket;
            _cancellation = new CancellationTokenSource();
            _ = AcceptLoopAsync(listenSocket, _cancellation.Token);
            _log.Info($"The listener {endPoint} started.");
            return true;
        }
        catch (Exception e)
        {
            _log.Error($"The listener failed to start on {_options.Ip}:{_options.Port}.", e);
            listenSocket.Dispose();
            return false;
        }
    }

    private async Task AcceptLoopAsync(Socket listenSocket, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listenSocket.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            _log.Info("Accepted a connection from " + accepted.RemoteEndPoint);
            _log.Info($"peer {accepted.RemoteEndPoint?.ToString()}");
            accepted.Dispose();
        }
    }

    public void Stop()
    {
        _cancellation?.Cancel();
        _listenSocket?.Dispose();
    }
}
