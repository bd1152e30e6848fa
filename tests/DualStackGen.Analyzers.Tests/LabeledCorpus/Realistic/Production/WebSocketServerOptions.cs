using System.Net;
using System.Net.Sockets;

namespace Realistic.WebSockets;

/// <summary>Options defaulting to the IPv6 wildcard, bound in another class with no dual mode.</summary>
public sealed class WebSocketServerOptions
{
    public IPAddress Address { get; set; } = IPAddress.IPv6Any; // expect: DSG0009

    public int Port { get; set; } = 8181;

    public bool SupportDualStack { get; set; }
}

/// <summary>Listens on the options' address.</summary>
public sealed class WebSocketServer
{
    private readonly WebSocketServerOptions _options;
    private Socket? _socket;

    public WebSocketServer(WebSocketServerOptions options) => _options = options;

    public void Start()
    {
        var socket = new Socket(_options.Address.AddressFamily, SocketType.Stream, ProtocolType.IP);
        socket.Bind(new IPEndPoint(_options.Address, _options.Port));
        socket.Listen(100);
        _socket = socket;
    }

    public string Location => $"ws://{_options.Address}:{_options.Port}"; // expect: DSG0007
}
