using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Realistic.Mqtt;

/// <summary>One listener per family: the adapter creates an IPv4 and an IPv6 instance over the same options.</summary>
public sealed class MqttTcpServerListener : IDisposable
{
    private readonly AddressFamily _addressFamily;
    private readonly MqttServerTcpEndpointOptions _options;
    private Socket? _socket;

    public MqttTcpServerListener(AddressFamily addressFamily, MqttServerTcpEndpointOptions options)
    {
        _addressFamily = addressFamily;
        _options = options;
    }

    public event Func<Socket, Task>? ClientAccepted;

    public bool Start(CancellationToken cancellationToken)
    {
        IPEndPoint localEndPoint = _addressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(_options.BoundInterNetworkAddress, _options.Port)
            : new IPEndPoint(_options.BoundInterNetworkV6Address, _options.Port);

        _socket = new Socket(_addressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (_addressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
        }

        _socket.NoDelay = _options.NoDelay;
        _socket.Bind(localEndPoint);
        _socket.Listen(_options.ConnectionBacklog);
        _ = Task.Run(() => AcceptAsync(cancellationToken), cancellationToken);
        return true;
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client = await _socket!.AcceptAsync(cancellationToken);
            Func<Socket, Task>? handler = ClientAccepted;
            if (handler is not null)
            {
                await handler(client);
            }
        }
    }

    public void Dispose() => _socket?.Dispose();
}

/// <summary>The adapter that opens both families.</summary>
public sealed class MqttTcpServerAdapter : IDisposable
{
    private readonly List<MqttTcpServerListener> _listeners = new();

    public void Start(MqttServerTcpEndpointOptions options, CancellationToken cancellationToken)
    {
        if (!options.IsEnabled)
        {
            return;
        }

        var v4 = new MqttTcpServerListener(AddressFamily.InterNetwork, options);
        if (v4.Start(cancellationToken))
        {
            _listeners.Add(v4);
        }

        if (Socket.OSSupportsIPv6)
        {
            var v6 = new MqttTcpServerListener(AddressFamily.InterNetworkV6, options);
            if (v6.Start(cancellationToken))
            {
                _listeners.Add(v6);
            }
        }
    }

    public void Dispose()
    {
        foreach (MqttTcpServerListener listener in _listeners)
        {
            listener.Dispose();
        }
    }
}
