using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Listening.LateDualMode;

/// <summary>A listener wrapper that starts first and asks for dual mode afterwards.</summary>
public sealed class GatewayListener
{
    private readonly TcpListener _listener;

    public GatewayListener(int port) => _listener = new TcpListener(IPAddress.IPv6Any, port);

    public event EventHandler? Started;

    public async Task RunAsync()
    {
        _listener.Start();
        _listener.Server.DualMode = true; // expect: DSG0005
        Started?.Invoke(this, EventArgs.Empty);
        while (true)
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync();
        }
    }
}

/// <summary>A UDP client made with the default constructor (an IPv4 socket), then asked for dual mode.</summary>
public static class ReplyChannel
{
    public static UdpClient Open(int port)
    {
        var udp = new UdpClient();
        udp.Client.DualMode = true; // expect: DSG0005
        udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return udp;
    }
}

/// <summary>The right order: dual mode, then bind, with a using declaration.</summary>
public static class ProbeResponder
{
    public static async Task AnswerOnceAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        socket.DualMode = true;
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        var buffer = new byte[64];
        SocketReceiveFromResult request = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0));
        await socket.SendToAsync(buffer.AsMemory(0, request.ReceivedBytes), SocketFlags.None, request.RemoteEndPoint);
    }
}

/// <summary>A socket that connects out and only then sets dual mode.</summary>
public static class TunnelClient
{
    public static async Task<Socket> OpenAsync(IPEndPoint relay)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(relay);
        socket.DualMode = true; // expect: DSG0005
        return socket;
    }
}
