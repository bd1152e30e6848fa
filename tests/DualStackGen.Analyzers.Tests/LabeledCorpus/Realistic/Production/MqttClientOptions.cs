using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Realistic.Mqtt;

/// <summary>A client channel: connects by name, so every answer is tried; logs the endpoint it reached.</summary>
public sealed class MqttTcpChannel
{
    private readonly string _server;
    private readonly int _port;
    private Socket? _socket;

    public MqttTcpChannel(string server, int? port)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _port = port ?? 1883;
    }

    public string Endpoint => $"{_server}:{_port}"; // expect: DSG0007

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_server, _port, cancellationToken);
        _socket = socket;
        Console.WriteLine($"Connected to {_server}:{_port} from {socket.LocalEndPoint}.");
    }

    public static MqttTcpChannel FromUri(Uri uri) => new MqttTcpChannel(uri.Host, uri.IsDefaultPort ? null : uri.Port);

    public void Disconnect() => _socket?.Dispose();
}
