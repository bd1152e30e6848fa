using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Transport;

/// <summary>A connection listener exposing its socket as a property, created and bound in Bind().</summary>
public sealed class SocketConnectionListener
{
    public SocketConnectionListener(int port) => Port = port;

    public int Port { get; }

    public Socket? ListenSocket { get; private set; }

    public void Bind()
    {
        ListenSocket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        ListenSocket.NoDelay = true;
        ListenSocket.Bind(new IPEndPoint(IPAddress.IPv6Any, Port)); // expect: DSG0009
        ListenSocket.Listen(512);
    }
}

/// <summary>The same listener, with dual mode asked for in a nested initializer.</summary>
public sealed class DualListener
{
    public TcpListener Create(int port)
    {
        var listener = new TcpListener(IPAddress.IPv6Any, port) { Server = { DualMode = true } };
        listener.Start();
        return listener;
    }
}

/// <summary>A legacy endpoint written as a number: address 0 is 0.0.0.0.</summary>
public static class LegacyBind
{
    public static Socket Open(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(0, port)); // expect: DSG0002
        socket.Listen();
        return socket;
    }
}

/// <summary>DualMode asked for in the initializer of an IPv4 socket: NotSupportedException at creation.</summary>
public static class MisconfiguredSocket
{
    public static Socket Open() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { DualMode = true }; // expect: DSG0001, DSG0005
}
