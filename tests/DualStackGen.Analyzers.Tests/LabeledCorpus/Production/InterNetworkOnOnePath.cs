using System.Net;
using System.Net.Sockets;

namespace Labeled.InterNetworkPath;

/// <summary>InterNetwork on one path, the endpoint's family on the other, then connected to a DnsEndPoint.</summary>
public static class Connector
{
    public static Socket Connect(EndPoint endPoint)
    {
        Socket socket = endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); // expect: DSG0001
        socket.Connect(endPoint);
        return socket;
    }

    public static Socket ToHost(string host, int port) => Connect(new DnsEndPoint(host, port));
}
