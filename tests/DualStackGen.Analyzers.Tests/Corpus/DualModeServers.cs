using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using DualStackGen;

namespace Corpus;

/// <summary>Servers that serve both families: dual-mode sockets set up before the bind, both loopbacks, the runtime's helpers.</summary>
public static class DualModeServers
{
    public static Socket ListenDualMode(int port)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        socket.DualMode = true;
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        socket.Listen(512);
        return socket;
    }

    public static Socket ListenWithExplicitV6Only(int port, bool v6Only)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, v6Only);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return socket;
    }

    public static TcpListener ListenAnywhere(int port) => TcpListener.Create(port);

    public static IReadOnlyList<TcpListener> ListenOnBothLoopbacks(int port)
    {
        var v4 = new TcpListener(IPAddress.Loopback, port);
        var v6 = new TcpListener(IPAddress.IPv6Loopback, port);
        return [v4, v6];
    }

    public static UdpClient ReceiveFromEveryone(int port)
    {
        var udp = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return udp;
    }

    public static TcpListener WithTheRuntime(int port) => DualStack.CreateTcpListener(port);

    public static Socket RawWithTheRuntime(int port)
    {
        Socket socket = DualStack.CreateSocket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(DualStack.AnyAddress, port));
        return socket;
    }

    public static string Describe(IPEndPoint endPoint) => endPoint.ToDisplayString();

    public static IPEndPoint ParseEndPoint(string text) => IPEndPoint.Parse(text);
}
