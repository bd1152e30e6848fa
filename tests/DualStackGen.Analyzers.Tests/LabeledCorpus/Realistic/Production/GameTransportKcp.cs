using System;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Game;

/// <summary>A reliable-UDP transport: the server is dual-mode, the client resolves the host it is given.</summary>
public sealed class KcpServer
{
    private Socket? _socket;

    public bool DualMode { get; init; } = true;

    public void Start(ushort port)
    {
        if (DualMode)
        {
            _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            _socket.DualMode = true;
            _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        }
        else
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Any, port));
        }

        _socket.Blocking = false;
    }

    public int Receive(byte[] buffer, out EndPoint from)
    {
        from = _socket!.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        return _socket.ReceiveFrom(buffer, ref from);
    }
}

/// <summary>The client half: resolves once and keeps the first answer.</summary>
public sealed class KcpClient
{
    private Socket? _socket;
    private IPEndPoint? _remote;

    public static bool ResolveHostname(string hostname, out IPAddress[] addresses)
    {
        try
        {
            addresses = Dns.GetHostAddresses(hostname);
            return addresses.Length >= 1;
        }
        catch (SocketException)
        {
            addresses = Array.Empty<IPAddress>();
            return false;
        }
    }

    public void Connect(string address, ushort port)
    {
        if (!ResolveHostname(address, out IPAddress[] addresses))
        {
            return;
        }

        _remote = new IPEndPoint(addresses[0], port); // expect: DSG0008
        _socket = new Socket(_remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Connect(_remote);
    }
}
