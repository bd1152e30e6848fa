using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.ClientFamily;

/// <summary>A client socket created with its endpoint's own family.</summary>
public static class Client
{
    public static Socket Connect(IPEndPoint remote)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(remote);
        return socket;
    }

    public static string Describe(IPEndPoint remote) => remote.ToString();
}
