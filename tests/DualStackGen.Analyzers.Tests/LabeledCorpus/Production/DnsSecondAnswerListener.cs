using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Labeled.DnsSecondAnswer;

/// <summary>
/// A chat server that listens on the machine's own name by position: index 1 because index 0 was the IPv6 address
/// where it was written. Elsewhere the order differs, or there is no second answer.
/// </summary>
public sealed class LanChatServer
{
    private readonly int _port;

    public LanChatServer(int port) => _port = port;

    public TcpListener Start()
    {
        IPHostEntry self = Dns.GetHostEntry(Dns.GetHostName());
        IPAddress address = self.AddressList[1]; // expect: DSG0008
        var listener = new TcpListener(address, _port);
        listener.Start();
        return listener;
    }

    public Socket ConnectToPeer(string peer)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(Dns.GetHostAddresses(peer).Last(), _port); // expect: DSG0008
        return socket;
    }

    // Asked for IPv4 alone: its second address is as good as its first.
    public IPEndPoint SecondIPv4(string host) => new(Dns.GetHostEntry(host, AddressFamily.InterNetwork).AddressList[1], _port);
}
