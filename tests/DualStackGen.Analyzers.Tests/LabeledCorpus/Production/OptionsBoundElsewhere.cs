using System.Net;
using System.Net.Sockets;

namespace Labeled.Options;

public sealed class ListenerOptions
{
    public IPAddress LocalAddress { get; set; } = IPAddress.Any; // expect: DSG0002

    public int Port { get; set; } = 7000;
}

/// <summary>The options class chooses the address; this class binds it.</summary>
public sealed class OptionsServer
{
    private readonly ListenerOptions _options;

    public OptionsServer(ListenerOptions options) => _options = options;

    public Socket Open()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(_options.LocalAddress, _options.Port));
        socket.Listen(100);
        return socket;
    }
}
