using System.Net;
using System.Net.Sockets;

namespace Labeled.DnsField;

/// <summary>The first DNS answer kept in a field, then connected to.</summary>
public sealed class UpstreamClient
{
    private IPAddress? _upstream;

    public void Resolve(string host) => _upstream = Dns.GetHostAddresses(host)[0]; // expect: DSG0008

    public Socket Connect(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(_upstream!, port);
        return socket;
    }
}
