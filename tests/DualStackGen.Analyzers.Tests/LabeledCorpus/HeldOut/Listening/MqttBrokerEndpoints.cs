using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Listening.Mqtt;

/// <summary>A broker's endpoint options: one address per family, each opened by its own listener.</summary>
public sealed class BrokerTcpEndpointOptions
{
    public bool IsEnabled { get; set; } = true;

    public int Port { get; set; } = 1883;

    public IPAddress BoundInterNetworkAddress { get; set; } = IPAddress.Any;

    public IPAddress BoundInterNetworkV6Address { get; set; } = IPAddress.IPv6Any;

    public int ConnectionBacklog { get; set; } = 100;
}

/// <summary>One listener per address family, as the broker registers them.</summary>
public sealed class BrokerTcpListener
{
    private readonly AddressFamily _addressFamily;
    private readonly BrokerTcpEndpointOptions _options;
    private Socket? _socket;

    public BrokerTcpListener(AddressFamily addressFamily, BrokerTcpEndpointOptions options)
    {
        _addressFamily = addressFamily;
        _options = options;
    }

    public void Start(CancellationToken cancellationToken)
    {
        IPEndPoint localEndPoint = _addressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(_options.BoundInterNetworkAddress, _options.Port)
            : new IPEndPoint(_options.BoundInterNetworkV6Address, _options.Port);
        _socket = new Socket(_addressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (_addressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
        }

        _socket.Bind(localEndPoint);
        _socket.Listen(_options.ConnectionBacklog);
        _ = Task.Run(() => AcceptAsync(cancellationToken), cancellationToken);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && _socket is { } socket)
        {
            using Socket client = await socket.AcceptAsync(cancellationToken);
        }
    }
}

/// <summary>The adapter registers the IPv4 listener, and the IPv6 one where the OS has IPv6.</summary>
public sealed class BrokerTcpServerAdapter
{
    private readonly List<BrokerTcpListener> _listeners = new();

    public void Start(BrokerTcpEndpointOptions options, CancellationToken cancellationToken)
    {
        if (!options.IsEnabled)
        {
            return;
        }

        RegisterListener(new BrokerTcpListener(AddressFamily.InterNetwork, options), cancellationToken);
        if (Socket.OSSupportsIPv6)
        {
            RegisterListener(new BrokerTcpListener(AddressFamily.InterNetworkV6, options), cancellationToken);
        }
    }

    private void RegisterListener(BrokerTcpListener listener, CancellationToken cancellationToken)
    {
        listener.Start(cancellationToken);
        _listeners.Add(listener);
    }
}

/// <summary>The broker's WebSocket endpoint: a second listener that only ever opens the IPv4 side.</summary>
public sealed class BrokerWebSocketEndpoint
{
    private TcpListener? _listener;

    public IPAddress? BoundAddress { get; init; }

    public int Port { get; init; } = 8083;

    public void Start()
    {
        _listener = new TcpListener(BoundAddress ?? IPAddress.Any, Port); // expect: DSG0002
        _listener.Start();
    }
}
