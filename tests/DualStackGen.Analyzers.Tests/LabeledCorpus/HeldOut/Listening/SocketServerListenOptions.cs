using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Listening.SocketServer;

/// <summary>Listener options a socket-server framework binds from its configuration section.</summary>
public sealed class ListenOptions
{
    public string Ip { get; set; } = "Any";

    public int Port { get; set; }

    public int BackLog { get; set; } = 100;

    public bool NoDelay { get; set; }
}

public static class ListenOptionsExtensions
{
    public static IPEndPoint ToEndPoint(this ListenOptions options)
    {
        string ip = options.Ip;
        IPAddress address;
        if (string.Equals(ip, "any", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Any; // expect: DSG0002
        }
        else if (string.Equals(ip, "ipv6any", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.IPv6Any;
        }
        else
        {
            address = IPAddress.Parse(ip); // expect: DSG0003
        }

        return new IPEndPoint(address, options.Port);
    }
}

/// <summary>The listener the framework starts for each configured endpoint.</summary>
public sealed class TcpSocketListener
{
    private readonly ListenOptions _options;
    private Socket? _listenSocket;

    public TcpSocketListener(ListenOptions options) => _options = options;

    public event EventHandler<Socket>? NewClientAccepted;

    public bool Start()
    {
        IPEndPoint endPoint = _options.ToEndPoint();
        var listenSocket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listenSocket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listenSocket.LingerState = new LingerOption(false, 0);
        if (_options.NoDelay)
        {
            listenSocket.NoDelay = true;
        }

        if (endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            listenSocket.DualMode = true;
        }

        listenSocket.Bind(endPoint);
        listenSocket.Listen(_options.BackLog);
        _listenSocket = listenSocket;
        _ = Task.Run(AcceptLoopAsync);
        return true;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listenSocket is { } socket)
        {
            Socket client = await socket.AcceptAsync();
            NewClientAccepted?.Invoke(this, client);
        }
    }
}
