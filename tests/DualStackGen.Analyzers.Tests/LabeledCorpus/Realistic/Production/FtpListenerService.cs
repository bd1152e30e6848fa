using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Realistic.Ftp;

/// <summary>Maps the configured text to the control listener's address in the constructor; StartAsync listens.</summary>
public sealed class FtpListenerService
{
    private readonly IPAddress _address;
    private readonly int _port;
    private TcpListener? _listener;

    public FtpListenerService(FtpServerOptions options)
    {
        _port = options.Port;
        _address = string.IsNullOrEmpty(options.ServerAddress)
            ? IPAddress.Any // expect: DSG0002
            : IPAddress.Parse(options.ServerAddress);
    }

    public async Task StartAsync(Func<TcpClient, Task> onClient, CancellationToken cancellationToken)
    {
        _listener = new TcpListener(_address, _port);
        _listener.Start();
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(cancellationToken);
            _ = onClient(client);
        }
    }

    public void Stop() => _listener?.Stop();
}
