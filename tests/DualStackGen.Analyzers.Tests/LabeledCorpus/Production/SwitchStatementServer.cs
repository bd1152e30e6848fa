using System.Net;
using System.Net.Sockets;

namespace Labeled.SwitchStatement;

/// <summary>A switch statement over configuration words fills the address; another method listens.</summary>
public sealed class SwitchStatementServer
{
    private IPAddress _address = IPAddress.IPv6Loopback; // expect: DSG0006

    public void Configure(string word)
    {
        switch (word)
        {
            case "all":
                _address = IPAddress.Any; // expect: DSG0002
                break;
            case "local":
                _address = IPAddress.IPv6Loopback; // expect: DSG0006
                break;
        }
    }

    public Socket Listen(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(_address, port));
        socket.Listen();
        return socket;
    }
}
