using System;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.MachineName;

/// <summary>The classic "listen on this machine's address": the first answer for the machine's own name.</summary>
public sealed class LanChatServer
{
    private readonly IPEndPoint _endPoint;
    private Socket? _listener;

    public LanChatServer(int port)
    {
        IPHostEntry self = Dns.GetHostEntry(Dns.GetHostName());
        IPAddress address = self.AddressList[0]; // expect: DSG0008
        _endPoint = new IPEndPoint(address, port);
    }

    public void Start()
    {
        _listener = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(_endPoint);
        _listener.Listen(10);
        Console.WriteLine($"chat server on {_endPoint}");
    }
}
