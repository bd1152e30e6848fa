using System;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.WebSockets;

/// <summary>A WebSocket server created from its location ("ws://0.0.0.0:8181", "wss://[::]:8443").</summary>
public sealed class WebSocketServer : IDisposable
{
    private readonly IPAddress _locationIP;
    private readonly int _port;
    private Socket? _listener;

    public WebSocketServer(string location, bool supportDualStack = true)
    {
        var uri = new Uri(location);
        _port = uri.Port;
        _locationIP = ParseIPAddress(uri);
        SupportDualStack = supportDualStack;
    }

    public bool SupportDualStack { get; }

    public void Start()
    {
        var socket = new Socket(_locationIP.AddressFamily, SocketType.Stream, ProtocolType.IP);
        if (SupportDualStack && _locationIP.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.Bind(new IPEndPoint(_locationIP, _port));
        socket.Listen(100);
        _listener = socket;
    }

    private static IPAddress ParseIPAddress(Uri uri)
    {
        string host = uri.Host;
        if (host == "0.0.0.0")
        {
            return IPAddress.Any; // expect: DSG0002
        }

        if (host == "[::]" || host == "[0000:0000:0000:0000:0000:0000:0000:0000]")
        {
            return IPAddress.IPv6Any;
        }

        return IPAddress.Parse(host);
    }

    public void Dispose() => _listener?.Dispose();
}
